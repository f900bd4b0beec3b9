#!/usr/bin/env bash
# Pod startup latency (create -> Ready, image already on the node) of 100 pods on a j8s node with the cri
# runtime (its own containerd) and with the process runtime, printed next to `ctr run -d` of the same image
# on the same containerd in the same run, plus the node agent's RSS with 50 pods running. The control
# plane runs as `j8s server --no-agent`, each node as a separate `j8s agent` process, so the RSS is the
# agent's alone. Needs root, containerd and runc (scripts/install-node-deps.sh). All traffic stays on
# 127.0.0.1 and the pod bridge j8s0.
#   bench/pod-startup.sh        BENCH_PODS=100 BENCH_KEEP=50 BENCH_INTERVAL_MS=0 (0: one pod after the other)
#   BENCH_AGENT_JAVA_OPTS=...   extra JVM options for the agents only (the server keeps the launcher's)
#   BENCH_MEMORY=DIR            also write each agent's memory breakdown with KEEP pods running to DIR: the
#                               JVM's native memory summary (NMT), the class loader and heap statistics, and
#                               the loaded classes per package (slower start: NMT and class logging are on)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
j8s_select_jdk
PODS="${BENCH_PODS:-100}"
KEEP="${BENCH_KEEP:-50}"
INTERVAL_MS="${BENCH_INTERVAL_MS:-0}"
AGENT_JAVA_OPTS="${BENCH_AGENT_JAVA_OPTS:-}"
MEMORY_DIR="${BENCH_MEMORY:-}"
if [ -n "$MEMORY_DIR" ]; then
  mkdir -p "$MEMORY_DIR"
  MEMORY_DIR="$(cd "$MEMORY_DIR" && pwd)"
  AGENT_JAVA_OPTS="$AGENT_JAVA_OPTS -XX:NativeMemoryTracking=summary"
fi
[ "$(id -u)" = 0 ] || { echo "pod-startup: needs root (containerd)"; exit 1; }
[ ! -e /sys/class/net/j8s0 ] || { echo "pod-startup: bridge j8s0 in use (is a j8s node running?)"; exit 1; }
(cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true package -pl cli,bench -am)
IMAGES="$("$ROOT/scripts/test-images.sh" | tail -n 1)"

WORK="$(mktemp -d /tmp/j8s-bench.XXXXXX)"
SERVER_PID="" AGENT_PID="" CTR_SOCK="" CTR_NS="j8s-bench"
stop_pid() { if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then kill "$1"; wait "$1" 2>/dev/null || true; fi; }
ctr_cleanup() {
  [ -n "$CTR_SOCK" ] && [ -S "$CTR_SOCK" ] || return 0
  for c in $(ctr -a "$CTR_SOCK" -n "$CTR_NS" containers ls -q 2>/dev/null); do
    ctr -a "$CTR_SOCK" -n "$CTR_NS" task kill -s KILL "$c" >/dev/null 2>&1 || true
    ctr -a "$CTR_SOCK" -n "$CTR_NS" task delete -f "$c" >/dev/null 2>&1 || true
    ctr -a "$CTR_SOCK" -n "$CTR_NS" containers rm "$c" >/dev/null 2>&1 || true
  done
}
cleanup() {
  set +e
  if [ -n "$AGENT_PID" ] && kill -0 "$AGENT_PID" 2>/dev/null; then bench cleanup "$KUBECONFIG" >/dev/null 2>&1; fi
  ctr_cleanup
  stop_pid "$AGENT_PID"
  stop_pid "$SERVER_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
bench() { "$JAVA_HOME/bin/java" -cp "$ROOT/bench/target/j8s-bench.jar" dev.j8s.bench.PodStartupBench "$@"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
# The agent's memory by JVM area, class loader, heap class and loaded package (BENCH_MEMORY only).
memory_breakdown() { # NAME PID
  [ -n "$MEMORY_DIR" ] || return 0
  local out="$MEMORY_DIR/$1"
  grep -E '^(VmRSS|RssAnon|RssFile|RssShmem|VmHWM|Threads)' "/proc/$2/status" > "$out-status.txt"
  "$JAVA_HOME/bin/jcmd" "$2" VM.native_memory summary > "$out-nmt.txt"
  "$JAVA_HOME/bin/jcmd" "$2" VM.classloader_stats > "$out-classloaders.txt"
  "$JAVA_HOME/bin/jcmd" "$2" GC.class_histogram > "$out-histogram.txt"
  "$JAVA_HOME/bin/jcmd" "$2" Thread.print > "$out-threads.txt"
  # "[info][class,load] io.netty.Foo source: ..." -> the first three package segments of every class.
  awk '/class,load/ {n=split($0, f, " "); for (i = 1; i <= n; i++) if (f[i] ~ /^source:/) break;
       c=f[i-1]; m=split(c, p, "."); pk=p[1]; for (j = 2; j < m && j <= 3; j++) pk=pk "." p[j]; print pk}' \
    "$MEMORY_DIR/$1-classes.log" | sort | uniq -c | sort -rn > "$out-packages.txt"
  echo "memory breakdown of $1 in $out-*.txt" >&2
}
percentiles() { sort -n | awk '{v[NR]=$1} END {i50=int(NR*0.5+0.999); i99=int(NR*0.99+0.999); printf "%d %d %d\n", v[i50], v[i99], v[NR]}'; }

J8S_SKIP_BUILD=1 "$ROOT/j8s" server --data-dir "$WORK/data" --https-port 0 --no-agent > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -f "$WORK/data/kubeconfig.yaml" ] && break; sleep 0.1; done
[ -f "$WORK/data/kubeconfig.yaml" ] || { cat "$WORK/server.log"; exit 1; }
KUBECONFIG="$WORK/data/kubeconfig.yaml"

start_agent() { # NAME RUNTIME DATA_DIR
  local opts="$AGENT_JAVA_OPTS"
  [ -z "$MEMORY_DIR" ] || opts="$opts -Xlog:class+load=info:file=$MEMORY_DIR/$1-classes.log"
  J8S_SKIP_BUILD=1 J8S_JAVA_OPTS="$opts" "$ROOT/j8s" agent --kubeconfig "$KUBECONFIG" --node-name "$1" --runtime "$2" --data-dir "$3" \
    --node-ip 127.0.0.1 > "$WORK/$1.log" 2>&1 &
  AGENT_PID=$!
  for _ in $(seq 1 600); do grep -q "j8s agent: node" "$WORK/$1.log" && return 0; kill -0 "$AGENT_PID" || break; sleep 0.1; done
  cat "$WORK/$1.log"; exit 1
}

printf '%-34s %8s %8s %8s %10s\n' "target ($PODS pods)" "p50 ms" "p99 ms" "max ms" "RSS MiB"

# --- cri: j8s's own containerd, the busybox and pause images imported offline.
start_agent bench-cri cri "$WORK/cri"
CTR_SOCK="$WORK/cri/cri/containerd/containerd.sock"
for tar in pause_3.9.tar busybox_latest.tar; do
  ctr -a "$CTR_SOCK" -n k8s.io images import "$IMAGES/$tar" >/dev/null
done
read -r p50 p99 max < <(bench run "$KUBECONFIG" bench-cri j8s.local/busybox:latest "$PODS" "$KEEP" "$INTERVAL_MS" cri)
CRI_RSS=$(rss "$AGENT_PID"); CRI_HWM=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$AGENT_PID/status")
memory_breakdown bench-cri "$AGENT_PID"
printf '%-34s %8s %8s %8s %10s\n' "j8s cri (create -> Ready)" "$p50" "$p99" "$max" "$CRI_RSS"
bench cleanup "$KUBECONFIG"

# The same image on the same containerd, straight through ctr: create + start of a task (no pod sandbox,
# no CNI, no API server), one after the other.
ctr -a "$CTR_SOCK" -n "$CTR_NS" images import "$IMAGES/busybox_latest.tar" >/dev/null
: > "$WORK/ctr.ms"
for i in $(seq 1 "$PODS"); do
  s=$(date +%s%N)
  ctr -a "$CTR_SOCK" -n "$CTR_NS" run -d --null-io j8s.local/busybox:latest "bench-$i" sleep 3600 >/dev/null
  echo $(( ($(date +%s%N) - s) / 1000000 )) >> "$WORK/ctr.ms"
done
read -r p50 p99 max < <(percentiles < "$WORK/ctr.ms")
printf '%-34s %8s %8s %8s %10s\n' "ctr run -d (same containerd)" "$p50" "$p99" "$max" "-"
ctr_cleanup
stop_pid "$AGENT_PID"; AGENT_PID=""; CTR_SOCK=""

# --- process: commands on the host.
start_agent bench-process process "$WORK/process"
read -r p50 p99 max < <(bench run "$KUBECONFIG" bench-process busybox "$PODS" "$KEEP" "$INTERVAL_MS" process)
PROCESS_RSS=$(rss "$AGENT_PID"); PROCESS_HWM=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$AGENT_PID/status")
memory_breakdown bench-process "$AGENT_PID"
printf '%-34s %8s %8s %8s %10s\n' "j8s process (create -> Ready)" "$p50" "$p99" "$max" "$PROCESS_RSS"
bench cleanup "$KUBECONFIG"
stop_pid "$AGENT_PID"; AGENT_PID=""
echo "agent RSS with $KEEP pods running: cri ${CRI_RSS} MiB (peak ${CRI_HWM}), process ${PROCESS_RSS} MiB (peak ${PROCESS_HWM}) (target <= 100);" \
  "targets: cri p99 <= 1500 ms, process p99 <= 300 ms"
