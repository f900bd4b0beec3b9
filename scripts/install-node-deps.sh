#!/usr/bin/env bash
# Installs, idempotently, the Debian packages the j8s node agent and its tests drive: containerd with runc,
# the CNI plugins, and the tools that build and serve the offline test images (umoci, skopeo,
# busybox-static, docker-registry, nginx, gcc for the pause binary, python3 for registry passwords), nft and curl
# for the service proxy and its namespace tests, and wrk for the ingress tests and benchmark.
# `apt-get update` runs only when a package is missing. Daemons that packages would start on install are kept from starting: the tests
# start their own containerd and registry, on their own sockets and ports.
set -euo pipefail
PACKAGES=(containerd runc containernetworking-plugins iproute2 nftables curl umoci skopeo busybox-static docker-registry
  nginx gcc libc6-dev python3 wrk)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-node-deps: missing packages ${missing[*]}; run as root to install them" >&2
  exit 1
fi
echo "install-node-deps: installing ${missing[*]}" >&2
# A policy-rc.d that answers 101 keeps the packages' services (containerd, docker-registry, nginx)
# from starting; one already present is left as it is.
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy" && own_policy=1
fi
trap 'if [ -n "$own_policy" ]; then rm -f "$policy"; fi' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
