#!/usr/bin/env bash
# Runs a plain-HTTP image registry (Debian's docker-registry, no auth) for j8s tests, listening on
# 127.0.0.1 only, with its storage, config, log and pid file under DIR, and pushes the offline test images
# (scripts/test-images.sh) to it as 127.0.0.1:PORT/j8s-test/<name>:<tag>.
#   usage: scripts/local-registry.sh start DIR PORT [IMAGES_DIR]
#          scripts/local-registry.sh stop DIR
# With J8S_REGISTRY_AUTH=user:password in the environment the registry asks for that basic-auth login
# (htpasswd, bcrypt at the lowest cost: the registry checks it on every request) and the images are
# pushed with it, for tests of pulls with credentials.
# `stop` ends only the registry whose PID start wrote to DIR/registry.pid: SIGTERM, SIGKILL after 10 s.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { echo "usage: $0 start DIR PORT [IMAGES_DIR] | stop DIR" >&2; exit 2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  local dir port images pidfile
  dir="$(realpath -m "$1")"; port="$2"; images="${3:-}"
  pidfile="$dir/registry.pid"
  [[ "$port" =~ ^[0-9]+$ ]] || usage
  mkdir -p "$dir/storage"
  if alive "$pidfile"; then
    echo "local-registry: already running as PID $(cat "$pidfile")" >&2
  else
    cat > "$dir/config.yml" <<CONF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
CONF
    if [ -n "${J8S_REGISTRY_AUTH:-}" ]; then
      local user="${J8S_REGISTRY_AUTH%%:*}"
      printf '%s:%s\n' "$user" "$(J8S_PW="${J8S_REGISTRY_AUTH#*:}" /usr/bin/python3 -W ignore -c \
        'import crypt, os; print(crypt.crypt(os.environ["J8S_PW"], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))')" \
        > "$dir/htpasswd"
      printf 'auth:\n  htpasswd:\n    realm: j8s-test\n    path: %s\n' "$dir/htpasswd" >> "$dir/config.yml"
    fi
    # setsid: the registry outlives this script and ignores the caller's terminal signals; stop ends it.
    setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    local i
    for i in $(seq 1 100); do
      curl -sS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && break
      if ! alive "$pidfile"; then
        echo "local-registry: registry exited; its log:" >&2; cat "$dir/registry.log" >&2; exit 1
      fi
      sleep 0.1
    done
    curl -sS -o /dev/null "http://127.0.0.1:$port/v2/" || { stop "$dir"; exit 1; }
  fi
  images="$("$HERE/test-images.sh" ${images:+"$images"} | tail -n1)"
  local layout tag
  for layout in "$images"/oci/*/; do
    layout="${layout%/}"
    for tag in $(grep -o '"org.opencontainers.image.ref.name":"[^"]*"' "$layout/index.json" | cut -d'"' -f4); do
      skopeo copy --quiet --dest-tls-verify=false ${J8S_REGISTRY_AUTH:+--dest-creds "$J8S_REGISTRY_AUTH"} \
        "oci:$layout:$tag" \
        "docker://127.0.0.1:$port/j8s-test/$(basename "$layout"):$tag"
    done
  done
  echo "local-registry: serving 127.0.0.1:$port (PID $(cat "$pidfile"))" >&2
}

stop() {
  local dir pidfile pid i
  dir="$(realpath -m "$1")"; pidfile="$dir/registry.pid"
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) [ $# -ge 3 ] || usage; start "$2" "$3" "${4:-}" ;;
  stop) [ $# -ge 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
