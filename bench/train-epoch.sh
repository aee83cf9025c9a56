#!/usr/bin/env bash
# Issue 4 (a): one training epoch through the framework (io.mml.runtime.train.FoldTrainer, the train
# mode's loop: training pass + validation pass with metrics + best/last checkpoints) versus a
# hand-written DJL loop, on demo_shapes fold 0 with the train mode's config (arch=cnn, batch 32,
# augmentations=basic, num_workers from MML_LOCAL_WORKERS or 2), same seed, same TaskDataset batches,
# decoded-image cache filled before timing in both. One JVM per PyTorch thread count (1, then 2);
# in it, framework and hand loop alternate; per repetition the mean of epochs 2..E; medians of reps.
# Usage: bench/train-epoch.sh [reps=5] [epochs=16] [threads="1 2"] [extra overrides, quoted, e.g. "sampling.enable_caching=false"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-5}"; epochs="${2:-16}"; threads="${3:-1 2}"; overrides="${4:-}"
cp="$(bench_classpath)"
work="$(mktemp -d "$out_dir/train-epoch-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$out_dir/train-epoch.txt"
{
  echo "train-epoch: FoldTrainer vs hand-written DJL loop — $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD)$(git -C "$root_dir" diff --quiet -- mml-runtime || echo '+dirty'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_BIN" -version 2>&1 | head -1)"
  [[ -n "$overrides" ]] && echo "extra overrides: $overrides"
  for t in $threads; do
    "$JAVA_BIN" -Xmx2g -XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$t" \
      -Dai.djl.pytorch.num_interop_threads=1 -Djava.io.tmpdir="$work" -cp "$cp" io.mml.bench.train.TrainEpochBench \
      --work "$work" --report "$work/part-$t.txt" --reps "$reps" --epochs "$epochs" ${overrides:+--overrides "$overrides"} \
      >"$work/log-$t.txt" 2>&1 || { cat "$work/log-$t.txt" >&2; exit 1; }
    grep -E '^rep ' "$work/log-$t.txt" | sed 's/^/  /'
    cat "$work/part-$t.txt"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
echo "written to $report"
