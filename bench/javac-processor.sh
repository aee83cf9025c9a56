#!/usr/bin/env bash
# (a) Cost of the mml annotation processor in javac: the same javac of a module's sources with the
# processor (-processorpath mml-processor/target/classes + its runtime deps) versus -proc:none.
# Usage: bench/javac-processor.sh [reps=5]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-5}"
JAVAC_BIN="${JAVAC:-javac}"
work="$(mktemp -d "$out_dir/javac-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

ensure_root_packaged
# Class paths from Maven (offline). -am keeps the sibling modules resolvable from the reactor without
# installing them; every module of the reactor writes the file, the selected module (last) wins.
classpath_of() { # module scope file
  (cd "$root_dir" && mvn -B -ntp -o -q compile dependency:build-classpath -pl "$1" -am \
    -Dmdep.includeScope="$2" -Dmdep.outputFile="$3" >"$work/mvn-$1.log" 2>&1) \
    || { cat "$work/mvn-$1.log" >&2; echo "javac-processor.sh: class path of $1 failed" >&2; exit 1; }
}
classpath_of mml-processor runtime "$work/processor.cp"
classpath_of mml-runtime compile "$work/runtime.cp"
classpath_of sample-schedulers compile "$work/samples.cp"
procpath="$root_dir/mml-processor/target/classes:$(cat "$work/processor.cp")"

# time_javac MODULE VARIANT EXTRA_ARGS... -> seconds (fresh output dirs every run)
n=0
time_javac() {
  local module="$1" variant="$2"; shift 2
  n=$((n + 1))
  local d="$work/$module-$variant-$n"
  mkdir -p "$d/classes" "$d/generated"
  local cp; cp="$(cat "$work/$module.cp")"
  local t0 t1
  t0=$(now_ns)
  "$JAVAC_BIN" --release 17 -encoding UTF-8 -Xlint:all,-processing,-options -nowarn \
    -cp "$cp" -d "$d/classes" -s "$d/generated" "$@" @"$work/$module.sources" >"$d/javac.log" 2>&1 \
    || { cat "$d/javac.log" >&2; echo "javac-processor.sh: javac $module ($variant) failed" >&2; exit 1; }
  t1=$(now_ns)
  if [[ "$variant" != none ]] && ! find "$d/generated" -name '*_Routine.java' | grep -q .; then
    echo "javac-processor.sh: the processor generated no routine for $module: is it on the processor path?" >&2
    exit 1
  fi
  rm -rf "$d"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

report="$out_dir/javac-processor.txt"
{
  echo "javac with the mml processor vs -proc:none — $(date -u +%FT%TZ), $(nproc) cores, $("$JAVAC_BIN" -version 2>&1)"
  echo "reps=$reps, alternating order; seconds: median [min..max]; ratio = median(processor) / median(proc:none)"
} | tee "$report"
for module in samples runtime; do
  case "$module" in
    samples) src="$root_dir/sample-schedulers/src/main/java"; extra=() ;;
    runtime) src="$root_dir/mml-runtime/src/main/java"; extra=(-Amml.main=none) ;;
  esac
  find "$src" -name '*.java' | sort >"$work/$module.sources"
  files=$(wc -l <"$work/$module.sources")
  with=(); without=()
  time_javac "$module" warm -processorpath "$procpath" "${extra[@]}" >/dev/null # warm the page cache
  for ((r = 1; r <= reps; r++)); do
    if (( r % 2 )); then
      with+=("$(time_javac "$module" proc -processorpath "$procpath" "${extra[@]}")")
      without+=("$(time_javac "$module" none -proc:none)")
    else
      without+=("$(time_javac "$module" none -proc:none)")
      with+=("$(time_javac "$module" proc -processorpath "$procpath" "${extra[@]}")")
    fi
  done
  read -r wm wlo whi <<<"$(stats "${with[@]}")"
  read -r nm nlo nhi <<<"$(stats "${without[@]}")"
  ratio=$(awk -v a="$wm" -v b="$nm" 'BEGIN { printf "%.2f", a / b }')
  printf '%-18s %3d files  processor %6.3f s [%s..%s]  proc:none %6.3f s [%s..%s]  ratio %s\n' \
    "$(basename "$(dirname "$(dirname "$(dirname "$src")")")")" "$files" "$wm" "$wlo" "$whi" "$nm" "$nlo" "$nhi" "$ratio" \
    | tee -a "$report"
done
echo "written to $report"
