#!/usr/bin/env bash
# Issue 4 (d): peak memory of `./mml train tasks=demo` (3 demo tasks, default config: cnn, 15 epochs,
# export, predict, test): max RSS from /usr/bin/time -v over N runs (median), with temp
# MML_DATA_PATH / MML_RESULTS_PATH (demo installed by a warm-up run) and MML_NO_BUILD=1 after one
# build by the launcher. Then one run with -XX:NativeMemoryTracking=summary, sampled once a second
# with jcmd VM.native_memory + /proc/<pid>/status: at the sample of highest RSS, the JVM's own
# committed memory (Java heap, class metadata, threads, code, GC, other) versus the rest of the RSS
# (memory the JVM does not track: libtorch, ONNX Runtime, glibc arenas of native threads).
# Usage: bench/train-memory.sh [reps=3] [extra mml overrides...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-3}"; shift || true
extra=("$@")
mml="$root_dir/mml"
"$mml" --version >/dev/null # builds when needed
export MML_NO_BUILD=1
work="$(mktemp -d "$out_dir/train-memory-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MML_DATA_PATH="$work/data"
report="$out_dir/train-memory.txt"
run_train() { # results dir, then extra args for the launcher environment
  MML_RESULTS_PATH="$1" "$mml" train tasks=demo "${extra[@]}"
}
run_train "$work/warmup" >"$work/warmup.log" 2>&1 || { tail -30 "$work/warmup.log" >&2; exit 1; }
rss=(); wall=()
for r in $(seq 1 "$reps"); do
  /usr/bin/time -v -o "$work/time-$r.txt" env MML_RESULTS_PATH="$work/res-$r" "$mml" train tasks=demo "${extra[@]}" \
    >"$work/run-$r.log" 2>&1 || { tail -30 "$work/run-$r.log" >&2; exit 1; }
  rss+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time-$r.txt")")
  wall+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time-$r.txt")")
  echo "run $r: max RSS ${rss[-1]} MiB, wall ${wall[-1]} s" >&2
done
# One run with native memory tracking, sampled.
MML_JAVA_OPTS="${MML_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" MML_RESULTS_PATH="$work/res-nmt" \
  "$mml" train tasks=demo "${extra[@]}" >"$work/nmt-run.log" 2>&1 &
pid=$!
best=0; : >"$work/nmt-best.txt"
while kill -0 "$pid" 2>/dev/null; do
  cur="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
  if [[ -n "$cur" ]] && (( cur > best )) && jcmd "$pid" VM.native_memory summary scale=MB >"$work/nmt-now.txt" 2>/dev/null \
      && grep -q 'Total:' "$work/nmt-now.txt"; then
    best="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "$cur")"
    cp "$work/nmt-now.txt" "$work/nmt-best.txt"
  fi
  sleep 1
done
wait "$pid" || { tail -30 "$work/nmt-run.log" >&2; exit 1; }
nmt_total="$(awk '/^Total:/ {for(i=1;i<=NF;i++) if ($i ~ /^committed=/) {sub("committed=","",$i); sub("MB","",$i); print $i}}' "$work/nmt-best.txt")"
nmt_line() { grep -E "^-[[:space:]]+$1 \(" "$work/nmt-best.txt" | sed -E 's/.*committed=([0-9]+)MB.*/\1/' | head -1; }
{
  echo "train-memory: ./mml train tasks=demo ${extra[*]} — $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD)$(git -C "$root_dir" diff --quiet -- mml-runtime || echo '+dirty'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_BIN" -version 2>&1 | head -1)"
  echo "JVM flags: those of ./mml (-XX:+UseSerialGC -Xshare:auto, default max heap = 1/4 of RAM) + MML_JAVA_OPTS='${MML_JAVA_OPTS:-}'"
  for r in $(seq 1 "$reps"); do echo "  run $r: max RSS ${rss[$((r-1))]} MiB, wall ${wall[$((r-1))]} s"; done
  read -r m lo hi <<<"$(stats "${rss[@]}")"; echo "  max RSS, median [min..max]: $m [$lo..$hi] MiB"
  read -r m lo hi <<<"$(stats "${wall[@]}")"; echo "  wall, median [min..max]: $m [$lo..$hi] s"
  echo "NMT run (sampled each second; sample with the highest RSS): RSS $((best / 1024)) MiB"
  echo "  JVM-tracked committed total ${nmt_total} MB: Java Heap $(nmt_line 'Java Heap') MB, Class $(nmt_line Class) MB, Thread $(nmt_line Thread) MB, Code $(nmt_line Code) MB, GC $(nmt_line GC) MB, Internal $(nmt_line Internal) MB, Other (direct buffers) $(nmt_line Other) MB, Metaspace $(nmt_line Metaspace) MB"
  echo "  RSS not tracked by the JVM (libtorch, ONNX Runtime, native allocators): ~$(( best / 1024 - ${nmt_total:-0} )) MiB (RSS minus JVM committed; committed is not all resident, so this is a lower bound)"
  grep -E 'Java Heap \(' -A1 "$work/nmt-best.txt" | sed 's/^/  nmt: /'
} | tee "$report"
echo "written to $report"
