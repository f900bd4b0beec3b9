#!/usr/bin/env bash
# Scheduler throughput and density on hollow nodes: a fresh j8s server, N hollow nodes registered from
# the bench JVM, then M pods through ReplicaSets; prints the bind rate next to the scheduler alone on
# in-memory nodes of the same shape (measured in the same run), the times to nodes Ready / pods created,
# bound and Running, and the server's RSS and heap. All traffic stays on 127.0.0.1.
#   bench/scheduler-density.sh                 1,000 nodes / 10,000 pods, then 5,000 nodes / 30,000 pods
#   bench/scheduler-density.sh NODES PODS      one configuration
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
j8s_select_jdk
(cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true package -pl cli,bench -am)

run() {
  local nodes=$1 pods=$2 work server_pid=""
  work="$(mktemp -d)"
  trap 'if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' RETURN
  # Kubernetes' node timings (10 s Lease renewals, 40 s grace): j8s's fast 2 s / 5 s defaults would cost
  # thousands of Lease writes per second at these node counts.
  J8S_SKIP_BUILD=1 "$ROOT/j8s" server --data-dir "$work/data" --https-port 0 --no-agent \
    --node-monitor-grace-period 40 > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do [ -f "$work/data/kubeconfig.yaml" ] && break; sleep 0.1; done
  [ -f "$work/data/kubeconfig.yaml" ] || { cat "$work/server.log"; return 1; }
  java -Xmx6g -cp "$ROOT/bench/target/j8s-bench.jar" dev.j8s.bench.DensityBench "$work/data/kubeconfig.yaml" "$nodes" "$pods" 2000 "$server_pid"
  printf "%-46s %12s\n" "load average (1 min) at the end" "$(cut -d" " -f1 /proc/loadavg)"
  printf '%-46s %12s\n' "j8s server RSS (MiB)" "$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$server_pid/status")"
  printf '%-46s %12s\n' "j8s server peak RSS (MiB)" "$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$server_pid/status")"
  echo
}

if [ $# -ge 2 ]; then
  run "$1" "$2"
else
  run 1000 10000
  run 5000 30000
fi
