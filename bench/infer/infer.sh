#!/usr/bin/env bash
# Inference overhead: a bare OrtSession.run loop versus io.mml.runtime.infer.BatchPredictor on the
# same small CNN ([N,3,32,32] -> 10 logits, written by the tests' tiny ONNX encoder) at batch 1 and
# 256. Alternating order, median of N reps (default 5); checks that both give identical logits.
# Usage: bench/infer/infer.sh [reps=5] [intra_op_threads=1] [samples_at_batch_1=2000] [samples_at_batch_256=2048]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
reps="${1:-5}"; threads="${2:-1}"; n1="${3:-2000}"; n256="${4:-2048}"
cpfile="$out_dir/infer.classpath"
# test-compile mml-runtime (and what it needs) offline; its test class path holds the driver and ONNX Runtime
if ! (cd "$root_dir" && mvn -B -ntp -o -q -DskipTests -pl mml-runtime -am test-compile \
      dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test \
      >"$out_dir/infer-build.log" 2>&1); then
  cat "$out_dir/infer-build.log" >&2
  exit 1
fi
rt="$root_dir/mml-runtime/target"
tmp="$(mktemp -d "$out_dir/infer-work.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
report="$out_dir/infer.txt"
{
  echo "Inference: bare OrtSession.run vs BatchPredictor — $(date -u +%FT%TZ), $(nproc) cores, $("$JAVA_BIN" -version 2>&1 | head -1)"
  "$JAVA_BIN" -Djava.io.tmpdir="$tmp" -cp "$rt/test-classes:$rt/classes:$(cat "$cpfile")" \
    io.mml.runtime.infer.InferBench "$reps" "$threads" "$n1" "$n256" 2>&1 | grep -v ' INFO '
} | tee "$report"
echo "written to $report"
