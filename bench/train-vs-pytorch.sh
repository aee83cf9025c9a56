#!/usr/bin/env bash
# Issue 9: the same model on the same images trained by `./mml train` (whole epochs as a user runs
# them), by a PyTorch twin (bench/train/twin.py) and by a hand-written DJL loop
# (io.mml.bench.train.HandDjlLoop), alternating, on a 28x28 grey 10-class PNG task (5000 training
# images in 5 folds: fold 0 trains on 4000 and validates on 1000; generated once by
# bench/train/make_task.py and imported with `mml create`, then reused).
# Per run E epochs; epoch time = median of epochs 2..E (framework: between consecutive
# "epoch k/E" lines of run.log, i.e. training + validation + whatever else the epoch does;
# twin and hand loop: training pass + validation pass). Batch 64, Adam 1e-3, augmentations=default
# (ImageNet normalisation only), mode.cv=false. Installs python3-torch (and OpenBLAS, without which
# Debian's torch uses the reference BLAS and is ~10x slower on Linear layers) with apt when missing.
# Usage: bench/train-vs-pytorch.sh [reps=3] [epochs=6] [configs="mlp:1 cnn:1 cnn:2"] [channels=1]
#   channels: what the twin and the hand loop feed (1 = the grey files as they are; 3 = widened, as
#   the framework did before arch.input_channels=auto). Extra framework overrides: $MML_BENCH_OVERRIDES.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-3}"; epochs="${2:-6}"; configs="${3:-mlp:1 cnn:1 cnn:2}"; channels="${4:-1}"
py=/usr/bin/python3
if ! "$py" -c 'import torch, PIL, numpy' 2>/dev/null || [[ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]]; then
  echo "bench: installing python3-torch, python3-pil, libopenblas0-pthread with apt" >&2
  apt-get install -y --no-install-recommends python3-torch python3-pil python3-numpy libopenblas0-pthread >/dev/null
fi
ensure_root_packaged
cp="$(bench_classpath)"
data="$out_dir/tvp-data"
task=grey28
desc="$data/RAW/DSET_$task/TASK_$task.json"
if [[ ! -f "$desc" ]]; then
  src="$(mktemp -d "$out_dir/tvp-src.XXXXXX")"
  "$py" "$bench_dir/train/make_task.py" "$src" 5000 500 7
  MML_NO_BUILD=1 MML_DATA_PATH="$data" MML_RESULTS_PATH="$src/res" "$root_dir/mml" create mode.importer=folder \
    mode.source="$src" mode.task="$task" >"$out_dir/tvp-create.log" 2>&1 || { cat "$out_dir/tvp-create.log" >&2; exit 1; }
  rm -rf "$src"
fi
work="$(mktemp -d "$out_dir/tvp-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$out_dir/train-vs-pytorch.txt"

# median of epochs 2..E of a list of per-epoch seconds (one per line)
med() { tail -n +2 | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

run_framework() { # arch threads -> prints per-epoch seconds, then "acc <val accuracy of the last epoch>"
  local arch="$1" t="$2" res="$work/res-$RANDOM" a
  if [[ "$arch" == mlp ]]; then a=(arch=mlp "arch.hidden=[256]"); else a=(arch=cnn "arch.channels=[32,64]"); fi
  MML_NO_BUILD=1 MML_DATA_PATH="$data" MML_RESULTS_PATH="$res" "$root_dir/mml" train "task_list=[$task]" "${a[@]}" \
    trainer.num_threads="$t" trainer.max_epochs="$epochs" augmentations=default sampling.batch_size=64 mode.cv=false \
    optimizer=adam optimizer.lr=0.001 trainer.progress_bar=false "mode.subroutines=[train]" ${MML_BENCH_OVERRIDES:-} \
    >"$work/fw.log" 2>&1 || { tail -30 "$work/fw.log" >&2; return 1; }
  local log; log="$(ls "$res"/default/runs/*/*/run.log | tail -1)"
  grep -E "epoch [0-9]+/$epochs " "$log" | awk '{split($2,a,":"); s=a[1]*3600+a[2]*60+a[3]; if (p!="") printf "%.4f\n", s-p; p=s}' \
    > "$work/fw.times"
  # the first line above is epoch 2 - epoch 1; keep every difference (the median drops nothing more)
  { echo skip; cat "$work/fw.times"; }
  echo "acc $(grep -E "epoch $epochs/$epochs " "$log" | grep -oE ' accuracy [0-9.]+' | awk '{print $2}')"
  rm -rf "$res"
}

run_json() { # command... -> per-epoch seconds, then "acc ..."
  "$@" >"$work/j.log" 2>&1 || { cat "$work/j.log" >&2; return 1; }
  grep '^{' "$work/j.log" | "$py" -c 'import json,sys
rows=[json.loads(l) for l in sys.stdin]
for r in rows: print("%.4f" % r["seconds"])
print("acc %.4f" % rows[-1]["val_accuracy"])'
}

run_twin() { OPENBLAS_NUM_THREADS="$2" OMP_NUM_THREADS="$2" run_json "$py" "$bench_dir/train/twin.py" --desc "$desc" \
  --arch "$1" --threads "$2" --channels "$channels" --epochs "$epochs" --batch 64 --lr 0.001; }
run_hand() { run_json "$JAVA_BIN" -XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$2" \
  -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" io.mml.bench.train.HandDjlLoop --desc "$desc" --arch "$1" \
  --channels "$channels" --epochs "$epochs" --batch 64 --lr 0.001; }

{
  echo "train-vs-pytorch: $(date -u +%FT%TZ), commit $(git -C "$root_dir" rev-parse --short HEAD)$(git -C "$root_dir" diff --quiet -- mml-runtime || echo '+dirty'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "task $task: 4000 train / 1000 val 28x28 grey PNGs, 10 classes; batch 64, Adam 1e-3; $epochs epochs per run, median of epochs 2..$epochs; $reps reps alternating; twin/hand input channels: $channels"
  echo "torch $("$py" -c 'import torch; print(torch.__version__)'), $("$JAVA_BIN" -version 2>&1 | head -1)"
  for c in $configs; do
    arch="${c%%:*}"; t="${c##*:}"
    declare -A all=()
    fw=(); tw=(); hd=(); fwa=""; twa=""; hda=""
    for ((r = 0; r < reps; r++)); do
      order=(framework twin hand)
      (( r % 3 == 1 )) && order=(twin hand framework)
      (( r % 3 == 2 )) && order=(hand framework twin)
      for who in "${order[@]}"; do
        out="$(run_"$who" "$arch" "$t" 2>&1)" || { echo "$who failed: $out" >&2; exit 1; }
        m="$(grep -v '^acc' <<<"$out" | grep -v skip | med)"
        acc="$(grep '^acc' <<<"$out" | awk '{print $2}')"
        case "$who" in
          framework) fw+=("$m"); fwa="$acc";;
          twin) tw+=("$m"); twa="$acc";;
          hand) hd+=("$m"); hda="$acc";;
        esac
        echo "  $arch t=$t rep $((r + 1)) $who: epoch $m s, val accuracy $acc"
      done
    done
    read -r fm _ _ <<<"$(stats "${fw[@]}")"; read -r tm _ _ <<<"$(stats "${tw[@]}")"; read -r hm _ _ <<<"$(stats "${hd[@]}")"
    echo "$arch threads=$t: framework $(stats "${fw[@]}") | pytorch twin $(stats "${tw[@]}") | hand DJL $(stats "${hd[@]}")  (s/epoch: median min max)"
    awk -v f="$fm" -v t="$tm" -v h="$hm" -v fa="$fwa" -v ta="$twa" -v ha="$hda" 'BEGIN {
      printf "  images/s (4000 train + 1000 val per epoch): framework %.0f, twin %.0f, hand %.0f\n", 5000/f, 5000/t, 5000/h;
      printf "  RATIO framework speed / PyTorch = %.2f   framework epoch / hand DJL epoch = %.2f   hand DJL speed / PyTorch = %.2f\n", t/f, f/h, t/h;
      printf "  val accuracy after the last epoch: framework %s, twin %s, hand %s\n", fa, ta, ha }'
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
echo "written to $report"
