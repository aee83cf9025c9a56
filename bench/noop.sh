#!/usr/bin/env bash
# (c) Engine overhead on no-op steps: planning, journaling 10,000 per-fold steps, and continue=latest.
# Usage: bench/noop.sh [steps=10000] [reps=5] [cut=5]
# Builds bench/noop (not in the root reactor) against the freshly packaged mml modules, supplied
# through a private local repository bench/out/m2 (an overlay of ~/.m2/repository: nothing is
# installed into ~/.m2), then runs the driver io.mml.bench.noop.NoopBench.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
steps="${1:-10000}"
reps="${2:-5}"
cut="${3:-5}"

ensure_root_packaged

# Private local repository: symlinks to everything in ~/.m2/repository except io/mml, plus the
# io.mml artifacts of this checkout copied in (what `mvn install` would do, but private).
m2="$(m2_repo)"
repo="$out_dir/m2"
version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root_dir/pom.xml" | head -1)"
rm -rf "$repo/io/mml"
mkdir -p "$repo/io"
for e in "$m2"/*; do
  [[ "$(basename "$e")" == io ]] || ln -sfn "$e" "$repo/$(basename "$e")"
done
if [[ -d "$m2/io" ]]; then
  for e in "$m2"/io/*; do
    [[ "$(basename "$e")" == mml ]] || ln -sfn "$e" "$repo/io/$(basename "$e")"
  done
fi
put() { # artifactId pom [jar]
  local d="$repo/io/mml/$1/$version"
  mkdir -p "$d"
  cp "$2" "$d/$1-$version.pom"
  if [[ $# -ge 3 ]]; then cp "$3" "$d/$1-$version.jar"; fi
}
put mml-parent "$root_dir/pom.xml"
for m in mml-annotations mml-processor mml-runtime; do
  put "$m" "$root_dir/$m/pom.xml" "$root_dir/$m/target/$m-$version.jar"
done

cpfile="$out_dir/noop.classpath"
if ! mvn -B -ntp -o -q -Dmaven.repo.local="$repo" -f "$bench_dir/noop/pom.xml" package \
     dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime \
     >"$out_dir/noop-build.log" 2>&1; then
  cat "$out_dir/noop-build.log" >&2
  echo "noop.sh: building bench/noop failed" >&2
  exit 1
fi
cp="$bench_dir/noop/target/classes:$(cat "$cpfile")"

exec "$JAVA_BIN" -cp "$cp" io.mml.bench.noop.NoopBench \
  --java "$JAVA_BIN" --cp "$cp" --out "$out_dir" --steps "$steps" --reps "$reps" --cut "$cut"
