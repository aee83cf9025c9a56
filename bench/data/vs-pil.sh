#!/usr/bin/env bash
# Issue 9.4: images/s of the training data path, mml (TaskDataset batches with augmentations=basic:
# decode, flip, rotate, crop, resize to 32x32, ImageNet normalisation, one NDArray per batch of 64)
# versus the same pipeline in PIL + numpy (bench/data/pil_pipeline.py, what the PyTorch twin's
# tooling would do), on the 5000 training images of bench/train-vs-pytorch.sh's grey28 task (run that
# script once first, or this one creates the task the same way). Cold = decode every pass; warm =
# decoded images cached in memory. Single-threaded on both sides (num_workers=0), then mml with
# num_workers=2. Alternating; medians of passes; ratio = mml images/s / PIL images/s.
# Usage: bench/data/vs-pil.sh [reps=3] [passes=3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
reps="${1:-3}"; passes="${2:-3}"
py=/usr/bin/python3
data="$out_dir/tvp-data"
desc="$data/RAW/DSET_grey28/TASK_grey28.json"
if [[ ! -f "$desc" ]]; then
  "$bench_dir/train-vs-pytorch.sh" 1 2 "mlp:1" >/dev/null
fi
cp="$(bench_classpath)"
work="$(mktemp -d "$out_dir/vs-pil.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$out_dir/vs-pil.txt"
java_run() { "$JAVA_BIN" -XX:+UseSerialGC -Dai.djl.offline=true -cp "$cp" io.mml.bench.train.DataPipelineBench \
  --data "$data" --task grey28 --passes "$passes" --workers "$1"; }
ips() { grep "\"$1\"" | "$py" -c 'import json,sys,statistics
r=[json.loads(l) for l in sys.stdin]; print("%.0f" % statistics.median(x["images"]/x["seconds"] for x in r))'; }
{
  echo "vs-pil: $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((r = 1; r <= reps; r++)); do
    java_run 0 >"$work/j0" 2>/dev/null; "$py" "$bench_dir/data/pil_pipeline.py" "$desc" "$passes" >"$work/p"
    java_run 2 >"$work/j2" 2>/dev/null
    for m in cold warm; do
      j0="$(ips "$m" <"$work/j0")"; j2="$(ips "$m" <"$work/j2")"; p="$(ips "$m" <"$work/p")"
      echo "rep $r $m: mml 1 thread $j0 img/s, mml num_workers=2 $j2 img/s, PIL+numpy $p img/s; ratio (1 thread) $(awk -v a="$j0" -v b="$p" 'BEGIN{printf "%.2f", a/b}'), (2 workers) $(awk -v a="$j2" -v b="$p" 'BEGIN{printf "%.2f", a/b}')"
    done
  done
} | tee "$report"
