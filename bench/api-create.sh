#!/usr/bin/env bash
# Create throughput/latency of j8s (SQLite store) at 1, 16 and 64 clients next to raw SQLite
# inserts through the same JDBC driver, plus the server's idle RSS. All traffic stays on 127.0.0.1.
#   bench/api-create.sh            (BENCH_SECONDS=15 per configuration by default)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
j8s_select_jdk
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
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dbench.seconds="${BENCH_SECONDS:-15}" \
  -cp "$ROOT/bench/target/j8s-bench.jar" \
  dev.j8s.bench.ApiCreateBench "$WORK/data/kubeconfig.yaml" "$SERVER_PID" "$WORK/raw"
