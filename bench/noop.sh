#!/usr/bin/env bash
# (c) Engine overhead on no-op steps: planning, journaling 10,000 per-fold steps, and continue=latest.
# Usage: bench/noop.sh [steps=10000] [reps=5] [cut=5]
# Builds bench/drivers with the reactor (-Pbench), then runs the driver io.mml.bench.noop.NoopBench.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
steps="${1:-10000}"
reps="${2:-5}"
cut="${3:-5}"

cp="$(bench_classpath)"

exec "$JAVA_BIN" -cp "$cp" io.mml.bench.noop.NoopBench \
  --java "$JAVA_BIN" --cp "$cp" --out "$out_dir" --steps "$steps" --reps "$reps" --cut "$cut"
