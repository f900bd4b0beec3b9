#!/usr/bin/env bash
# Create throughput and latency of j8s on its SQLite store at 1, 16 and 64 concurrent clients,
# printed next to raw SQLite inserts through the same JDBC driver on the same machine in the same
# run, plus the server's RSS. The load generator is ApacheBench (keep-alive HTTPS with the admin
# client certificate, bounded by time); all traffic stays on 127.0.0.1.
#   bench/api-create.sh          BENCH_SECONDS=10 per configuration by default
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
j8s_select_jdk
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
command -v ab >/dev/null || { apt-get update -qq && apt-get install -y -qq apache2-utils >/dev/null; }
(cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true package -pl cli,bench -am)

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
J8S_SKIP_BUILD=1 "$ROOT/j8s" server --data-dir "$WORK/data" --https-port 0 --no-agent > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -f "$WORK/data/kubeconfig.yaml" ] && break; sleep 0.1; done
[ -f "$WORK/data/kubeconfig.yaml" ] || { cat "$WORK/server.log"; exit 1; }

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVER_PID/status"; }
IDLE_RSS=$(rss)
SERVER="$(sed -n 's/^ *server: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$WORK/data/kubeconfig.yaml")"
cat "$WORK/data/pki/admin.crt" "$WORK/data/pki/admin.key" > "$WORK/admin.pem"
printf '%s' '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"bench-","labels":{"bench":"create"}},"data":{"payload":"'"$(head -c 512 /dev/zero | tr '\0' x)"'"}}' > "$WORK/body.json"
URL="$SERVER/api/v1/namespaces/default/configmaps"
# Warm the JIT up at full concurrency before measuring.
ab -q -k -c 64 -t 15 -n 100000000 -E "$WORK/admin.pem" -p "$WORK/body.json" -T application/json "$URL" > /dev/null 2>&1 || true

printf '%-30s %8s %10s %9s %9s %8s %8s\n' target clients "ops/s" "p50 ms" "p99 ms" errors ratio
for c in 1 16 64; do
  out="$(ab -k -c "$c" -t "$SECONDS_PER_RUN" -n 100000000 -E "$WORK/admin.pem" -p "$WORK/body.json" -T application/json "$URL" 2>&1)"
  rps=$(awk '/Requests per second/ {print $4}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx responses/ {print $3}' <<<"$out"); non2xx=${non2xx:-0}
  read -r raw_rps raw_p50 raw_p99 raw_err < <("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
      -cp "$ROOT/bench/target/j8s-bench.jar" dev.j8s.bench.RawSqliteBench "$WORK/raw-$c.db" "$c" "$SECONDS_PER_RUN" 2>/dev/null)
  ratio=$(awk -v a="$rps" -v b="$raw_rps" 'BEGIN {printf "%.2fx", a/b}')
  printf '%-30s %8d %10.0f %9s %9s %8s %8s\n' "j8s API create (HTTPS)" "$c" "$rps" "$p50" "$p99" "$non2xx" "$ratio"
  printf '%-30s %8d %10.0f %9s %9s %8s %8s\n' "raw SQLite insert (JDBC)" "$c" "$raw_rps" "$raw_p50" "$raw_p99" "$raw_err" "1.00x"
done
echo "j8s server RSS: idle ${IDLE_RSS} MiB (target <= 200), after load $(rss) MiB"
