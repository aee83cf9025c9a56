#!/usr/bin/env bash
# Issue 4 (b): the framework's evaluation of a split (OnnxEvaluation.run + metrics, what
# ModelEvaluator.test does once the model is open: TaskDataset loading + BatchPredictor + rows)
# versus a bare OrtSession.run loop over direct buffers pre-built from the same samples, on the same
# session of the same exported model (demo_shapes cnn trained 1 epoch by FoldTrainer, exported by
# OnnxExporter); plus BatchPredictor alone on pre-built buffers. Framework with the decoded cache
# warm and with no cache. Order rotated per rep, medians. For BatchPredictor vs bare at batch 1/256
# on a synthetic CNN see bench/infer/infer.sh.
# Usage: bench/infer-framework.sh [reps=7] [passes=200] [ort_threads=1]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-7}"; passes="${2:-200}"; threads="${3:-1}"
cp="$(bench_classpath)"
work="$(mktemp -d "$out_dir/infer-framework-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$out_dir/infer-framework.txt"
{
  echo "infer-framework: OnnxEvaluation/BatchPredictor vs bare OrtSession.run — $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD)$(git -C "$root_dir" diff --quiet -- mml-runtime || echo '+dirty'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_BIN" -version 2>&1 | head -1)"
  "$JAVA_BIN" -Xmx2g -XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
    -Dai.djl.pytorch.num_interop_threads=1 -Djava.io.tmpdir="$work" -cp "$cp" io.mml.bench.train.InferFrameworkBench \
    --work "$work" --report "$work/part.txt" --reps "$reps" --passes "$passes" --threads "$threads" \
    >"$work/log.txt" 2>&1 || { cat "$work/log.txt" >&2; exit 1; }
  cat "$work/part.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
echo "written to $report"
