#!/usr/bin/env bash
# Requests/s and p99 latency of j8s's ingress next to nginx (Debian) as a reverse proxy to the same
# upstream, on the same machine in the same run. The upstream is an nginx serving a small static body;
# both proxies keep alive their upstream connections; wrk (Debian) loads each for a bounded time with the
# same threads and connections. All traffic stays on 127.0.0.1.
#   bench/ingress-vs-nginx.sh      BENCH_SECONDS=15 BENCH_ROUNDS=3 BENCH_CONNECTIONS=64 BENCH_THREADS=2 by default
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
j8s_select_jdk
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
ROUNDS="${BENCH_ROUNDS:-3}"
LOAD_BEFORE="$(cut -d" " -f1-3 /proc/loadavg)"
UPSTREAM_PORT=18181; NGINX_PORT=18182; INGRESS_PORT=18183; INGRESS_TLS_PORT=18184
"$ROOT/scripts/install-node-deps.sh"
[ -x "$ROOT/.tools/kubectl-v32/kubectl" ] || "$ROOT/scripts/install-tools.sh"
KUBECTL="$ROOT/.tools/kubectl-v32/kubectl"
[ -n "${J8S_SKIP_BUILD:-}" ] || (cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true package -pl cli -am)

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# nginx needs its own prefix, pid and temp paths so it never touches the system instance.
nginx_conf() { # name, server block
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1/body; proxy_temp_path $WORK/$1/proxy; fastcgi_temp_path $WORK/$1/fcgi;
  uwsgi_temp_path $WORK/$1/uwsgi; scgi_temp_path $WORK/$1/scgi;
  keepalive_requests 1000000;
  $2
}
CONF
}
nginx_conf upstream "server { listen 127.0.0.1:$UPSTREAM_PORT; location / { default_type text/plain; return 200 'hello from the upstream\n'; } }"
nginx_conf proxy "upstream app { server 127.0.0.1:$UPSTREAM_PORT; keepalive 256; }
  server { listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host; } }"
nginx -p "$WORK/upstream" -c "$WORK/upstream/nginx.conf" & PIDS+=($!)
nginx -p "$WORK/proxy" -c "$WORK/proxy/nginx.conf" & PIDS+=($!)

J8S_SKIP_BUILD=1 "$ROOT/j8s" server --data-dir "$WORK/data" --https-port 0 --no-agent \
  --ingress-bind-address 127.0.0.1 --ingress-http-port "$INGRESS_PORT" --ingress-https-port "$INGRESS_TLS_PORT" \
  > "$WORK/server.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 600); do [ -f "$WORK/data/kubeconfig.yaml" ] && break; sleep 0.1; done
[ -f "$WORK/data/kubeconfig.yaml" ] || { cat "$WORK/server.log"; exit 1; }
# A selector-less Service whose EndpointSlice points at the upstream, and an Ingress of class j8s.
"$KUBECTL" --kubeconfig "$WORK/data/kubeconfig.yaml" apply -f - > /dev/null <<YAML
apiVersion: v1
kind: Service
metadata: {name: upstream, namespace: default}
spec: {ports: [{name: http, port: 80, targetPort: $UPSTREAM_PORT}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: upstream-1, namespace: default, labels: {kubernetes.io/service-name: upstream}}
addressType: IPv4
ports: [{name: http, port: $UPSTREAM_PORT, protocol: TCP}]
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bench, namespace: default}
spec:
  ingressClassName: j8s
  rules: [{host: bench.local, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: upstream, port: {number: 80}}}}]}}]
YAML
for port in "$NGINX_PORT" "$INGRESS_PORT"; do
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: bench.local' "http://127.0.0.1:$port/")" = 200 ] && break
    sleep 0.1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: bench.local' "http://127.0.0.1:$port/")" = 200 ] \
    || { echo "port $port does not proxy"; cat "$WORK/server.log"; exit 1; }
done

# wrk prints latencies as 850.00us, 1.20ms or 1.05s: in ms.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
# CPU time (clock ticks) used so far by a process and its children that are still running (nginx's workers).
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(ps --ppid "$1" -o pid= 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
run() { # port, seconds, proxy pid -> "rps p99ms non2xx errors cpu-us-per-request"
  local out before after
  before=$(cpu_ticks "$3")
  out="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --latency -H 'Host: bench.local' "http://127.0.0.1:$1/")"
  after=$(cpu_ticks "$3")
  local rps p99 non2xx errors requests
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); errors=${errors:-0}
  echo "$rps $p99 $non2xx $errors $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
}
# Warm both up (the JVM's JIT, both proxies' upstream pools) before measuring.
run "$INGRESS_PORT" 20 "${PIDS[2]}" > /dev/null
run "$NGINX_PORT" 5 "${PIDS[1]}" > /dev/null
# Rounds alternate which proxy goes first, so that a change in the machine's load hits both alike; the
# medians are compared.
J=(); N=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    J+=("$(run "$INGRESS_PORT" "$SECONDS_PER_RUN" "${PIDS[2]}")"); N+=("$(run "$NGINX_PORT" "$SECONDS_PER_RUN" "${PIDS[1]}")")
  else
    N+=("$(run "$NGINX_PORT" "$SECONDS_PER_RUN" "${PIDS[1]}")"); J+=("$(run "$INGRESS_PORT" "$SECONDS_PER_RUN" "${PIDS[2]}")")
  fi
done
median() { # column, rows... -> the median of that column
  local col=$1; shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
NGINX_NAME="nginx $(nginx -v 2>&1 | sed 's|.*/||')"
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s x $ROUNDS rounds, keep-alive, GET of a 24-byte body through each proxy (cores: $(nproc), load before: $LOAD_BEFORE)"
printf '%-24s %6s %12s %10s %9s %9s %14s\n' proxy round "requests/s" "p99 ms" non-2xx errors "CPU us/request"
for i in $(seq 0 $((ROUNDS - 1))); do
  read -r rps p99 bad err cpu <<<"${J[$i]}"
  printf '%-24s %6s %12.0f %10s %9s %9s %14s\n' "j8s ingress (Netty)" $((i + 1)) "$rps" "$p99" "$bad" "$err" "$cpu"
  read -r rps p99 bad err cpu <<<"${N[$i]}"
  printf '%-24s %6s %12.0f %10s %9s %9s %14s\n' "$NGINX_NAME" $((i + 1)) "$rps" "$p99" "$bad" "$err" "$cpu"
done
j_rps=$(median 1 "${J[@]}"); j_p99=$(median 2 "${J[@]}"); j_cpu=$(median 5 "${J[@]}")
n_rps=$(median 1 "${N[@]}"); n_p99=$(median 2 "${N[@]}"); n_cpu=$(median 5 "${N[@]}")
printf '%-24s %6s %12.0f %10s %9s %9s %14s\n' "j8s ingress (Netty)" median "$j_rps" "$j_p99" "" "" "$j_cpu"
printf '%-24s %6s %12.0f %10s %9s %9s %14s\n' "$NGINX_NAME" median "$n_rps" "$n_p99" "" "" "$n_cpu"
awk -v a="$j_rps" -v b="$n_rps" -v c="$j_p99" -v d="$n_p99" -v e="$j_cpu" -v f="$n_cpu" \
  'BEGIN {printf "ratio j8s/nginx (medians): requests/s %.2fx (target >= 1.0), p99 %.2fx (target <= 1.0), CPU per request %.2fx\n", a/b, c/d, e/f}'
echo "j8s server RSS after load: $(awk '/VmRSS/ {print int($2/1024)}' "/proc/${PIDS[2]}/status") MiB"
