#!/usr/bin/env bash
# Builds the offline OCI test images of j8s from Debian packages, with umoci and skopeo (no Docker, no
# network): busybox, echo:v1, echo:v2, nginx and pause. Each image is an OCI layout under OUT/oci/<name>
# (tag = ref) plus a docker-archive OUT/<name>_<tag>.tar whose RepoTag is j8s.local/<name>:<tag>, the form
# `ctr images import` takes. An image is rebuilt only when its inputs (this script, its files, the
# versions of the Debian packages it copies from) change, so re-runs are fast.
#   usage: scripts/test-images.sh [OUT]     (default OUT: <repo>/.cache/test-images)
# Prints OUT on stdout.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/.cache/test-images}")"
mkdir -p "$OUT/oci"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$HERE/install-node-deps.sh"

# The images and their tags; `local-registry.sh` pushes exactly these.
# J8S_TEST_IMAGES picks some of them (the ./j8s launcher builds only the pause image for `up`).
IMAGES=(${J8S_TEST_IMAGES:-busybox:latest echo:v1 echo:v2 nginx:latest pause:3.9})

pkg_versions() { dpkg-query -W -f='${Package}=${Version}\n' "$@"; }

# Adds the busybox binary and its applet links to ROOTFS.
add_busybox() {
  local rootfs="$1"
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,proc,sys,dev,var/log}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list-full); do
    [ "$applet" = bin/busybox ] && continue
    ln -sfr "$rootfs/bin/busybox" "$rootfs/$applet"
  done
  add_users "$rootfs"
}

add_users() {
  local rootfs="$1"
  mkdir -p "$rootfs/etc"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
}

# Copies BINARY and the shared libraries it loads (as ldd reports them) into ROOTFS, at the same paths.
add_with_libs() {
  local rootfs="$1" binary="$2" lib
  install -D "$binary" "$rootfs$binary"
  for lib in $(ldd "$binary" | grep -o '/[^ ]*'); do
    install -D "$(realpath "$lib")" "$rootfs$lib"
  done
}

rootfs_busybox() { add_busybox "$1"; }

rootfs_echo() {
  local rootfs="$1" version="$2"
  add_busybox "$rootfs"
  install -D -m 0755 "$HERE/test-images/echo.cgi" "$rootfs/www/cgi-bin/index.cgi"
  echo "$version" > "$rootfs/www/version"
}

rootfs_nginx() {
  local rootfs="$1"
  add_users "$rootfs"
  add_with_libs "$rootfs" /usr/sbin/nginx
  mkdir -p "$rootfs"/{tmp,var/log/nginx,var/lib/nginx,run,usr/share/nginx/html,etc/nginx}
  chmod 1777 "$rootfs/tmp"
  cp /etc/nginx/mime.types "$rootfs/etc/nginx/mime.types"
  cat > "$rootfs/etc/nginx/nginx.conf" <<'CONF'
user nobody nogroup;
worker_processes 1;
daemon off;
pid /run/nginx.pid;
error_log /dev/stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log /dev/stdout;
  client_body_temp_path /tmp/client_body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  server {
    listen 80 default_server;
    root /usr/share/nginx/html;
    index index.html;
  }
}
CONF
  printf '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1><p>j8s test image</p></body></html>\n' \
    > "$rootfs/usr/share/nginx/html/index.html"
}

rootfs_pause() {
  local rootfs="$1"
  mkdir -p "$rootfs"
  gcc -static -Os -Wall -Werror -o "$rootfs/pause" "$HERE/test-images/pause.c"
  strip "$rootfs/pause"
}

# The inputs an image depends on; its hash decides whether the cached image is still good.
inputs() {
  local name="$1"
  cat "${BASH_SOURCE[0]}" "$HERE/test-images/"* | sha256sum
  case "$name" in
    busybox|echo) pkg_versions busybox-static ;;
    nginx) pkg_versions nginx libc6; ldd /usr/sbin/nginx | grep -o '/[^ ]*' | xargs -r realpath ;;
    pause) pkg_versions gcc libc6-dev ;;
  esac
}

build() {
  local name="$1" tag="$2" layout="$OUT/oci/$1" archive="$OUT/$1_$2.tar" key
  key="$(inputs "$name" | sha256sum | cut -d' ' -f1)-$tag"
  if [ -f "$archive" ] && [ "$(cat "$OUT/${name}_$tag.key" 2>/dev/null)" = "$key" ] \
      && [ -f "$layout/index.json" ] && grep -q "\"org.opencontainers.image.ref.name\":\"$tag\"" "$layout/index.json"; then
    return 0
  fi
  echo "test-images: building $name:$tag" >&2
  local work="$WORK/$name-$tag"
  mkdir -p "$work"
  case "$name" in
    busybox) rootfs_busybox "$work/rootfs" ;;
    echo) rootfs_echo "$work/rootfs" "$tag" ;;
    nginx) rootfs_nginx "$work/rootfs" ;;
    pause) rootfs_pause "$work/rootfs" ;;
  esac
  [ -f "$layout/index.json" ] || umoci init --layout "$layout"
  umoci new --image "$layout:$tag"
  umoci insert --image "$layout:$tag" "$work/rootfs" /
  local cfg=(--config.workingdir / --author j8s --architecture amd64 --os linux)
  cfg+=(--config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  case "$name" in
    busybox) cfg+=(--config.cmd sh) ;;
    echo) cfg+=(--config.env "ECHO_VERSION=$tag" --config.exposedports 8080/tcp
                --config.entrypoint httpd --config.entrypoint -f --config.entrypoint -v
                --config.entrypoint -p --config.entrypoint 8080 --config.entrypoint -h
                --config.entrypoint /www) ;;
    nginx) cfg+=(--config.exposedports 80/tcp --config.stopsignal SIGQUIT
                 --config.entrypoint /usr/sbin/nginx) ;;
    pause) cfg+=(--config.entrypoint /pause) ;;
  esac
  umoci config --image "$layout:$tag" "${cfg[@]}"
  umoci gc --layout "$layout"
  rm -f "$archive"
  skopeo copy --quiet "oci:$layout:$tag" "docker-archive:$archive:j8s.local/$name:$tag"
  echo "$key" > "$OUT/${name}_$tag.key"
  rm -rf "$work"
}

for image in "${IMAGES[@]}"; do
  build "${image%%:*}" "${image#*:}"
done
echo "$OUT"
