#!/usr/bin/env bash
# Issue 4 (c): inference throughput, DJL/PyTorch (block.forward, inference mode, grad mode off) versus
# ONNX Runtime (CPU provider, ALL_OPT) on the same model exported by OnnxExporter: demo_shapes cnn
# (trained 1 epoch by FoldTrainer) and resnet18 at 32x32 (initialised only), batch 1 and 256, images/s.
# One JVM per thread count (PyTorch num_threads = ORT intra-op threads); alternating, medians.
# Usage: bench/djl-vs-ort.sh [reps=5] [threads="1 2"] [archs="cnn resnet18"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-5}"; threads="${2:-1 2}"; archs="${3:-cnn resnet18}"
cp="$(bench_classpath)"
work="$(mktemp -d "$out_dir/djl-vs-ort-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$out_dir/djl-vs-ort.txt"
{
  echo "djl-vs-ort: DJL vs ONNX Runtime inference — $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD)$(git -C "$root_dir" diff --quiet -- mml-runtime || echo '+dirty'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_BIN" -version 2>&1 | head -1)"
  for t in $threads; do
    "$JAVA_BIN" -Xmx2g -XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$t" \
      -Dai.djl.pytorch.num_interop_threads=1 -Djava.io.tmpdir="$work" -cp "$cp" io.mml.bench.train.DjlVsOrtBench \
      --work "$work" --report "$work/part-$t.txt" --reps "$reps" --archs "$archs" \
      >"$work/log-$t.txt" 2>&1 || { cat "$work/log-$t.txt" >&2; exit 1; }
    cat "$work/part-$t.txt"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
echo "written to $report"
