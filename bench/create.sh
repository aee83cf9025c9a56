#!/usr/bin/env bash
# Issue 3 (c): `mml create` (folder importer) on 10,000 PNGs, in seconds.
# Usage: bench/create.sh [images=10000] [reps=3] [workers=2]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cp="$(bench_classpath)"
exec "$JAVA_BIN" -cp "$cp" io.mml.bench.tasks.CreateBench "$out_dir" "${1:-10000}" "${2:-3}" "${3:-2}"
