#!/usr/bin/env bash
# Issue 3 (a): reading the header of a 1,000,000-sample task description versus the whole of it.
# Usage: bench/tasks-header.sh [samples=1000000] [reps=5]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cp="$(bench_classpath)"
exec "$JAVA_BIN" -Xmx8g -cp "$cp" io.mml.bench.tasks.HeaderBench "$out_dir" "${1:-1000000}" "${2:-5}"
