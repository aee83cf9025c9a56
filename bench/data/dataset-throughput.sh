#!/usr/bin/env bash
# Benchmark (b): images/s through TaskDataset (decode + augmentation + NDArray batches) versus a
# bare ImageIO.read loop over the same 2000 64x64 PNGs, with 1 and 2 threads, alternating, median
# of 5. Writes bench/out/dataset-throughput.txt. Usage: bench/data/dataset-throughput.sh [images] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$root/mml-runtime/target/bench-classpath.txt"
# One reactor build (-am) so mml-annotations resolves from the reactor; the runtime module is built
# last, so the class path file ends up holding its test class path.
mvn -B -ntp -q -o -pl mml-runtime -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
work="$root/mml-runtime/target/bench-data"
mkdir -p "$work" "$root/bench/out"
java -Xmx2g -Dai.djl.offline=true -Djava.io.tmpdir="$root/mml-runtime/target" \
  -cp "$root/mml-runtime/target/test-classes:$root/mml-runtime/target/classes:$(cat "$cp_file")" \
  io.mml.runtime.data.bench.DatasetThroughput "$work" "$root/bench/out/dataset-throughput.txt" "${1:-2000}" "${2:-5}"
