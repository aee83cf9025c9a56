#!/usr/bin/env bash
# (b) Start-up cost of the CLI: wall time of `./mml info tasks=demo` (demo installed by a warm-up
# run, MML_NO_BUILD=1) versus a JVM that only prints a line, run with the same java and JVM flags
# as the launcher; plus `./mml --help`. Alternating, median of N (default 7).
# Usage: bench/startup.sh [reps=7]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-7}"
work="$(mktemp -d "$out_dir/startup-work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MML_NO_BUILD=1 MML_DATA_PATH="$work/data" MML_RESULTS_PATH="$work/results"

if [[ ! -f "$root_dir/sample-schedulers/target/mml.classpath" ]]; then
  echo "startup.sh: run ./mml once (it builds the project) before this benchmark" >&2
  exit 1
fi
# The launcher's JVM flags: its java_opts=(...) array (the class-data sharing archive is the
# launcher's own and not given to the Hello JVM, which uses the JDK's default archive).
opts_line="$(grep -E '^java_opts=\(' "$root_dir/mml" || true)"
if [[ -z "$opts_line" ]]; then
  echo "startup.sh: cannot find java_opts=(...) in $root_dir/mml; update this script" >&2
  exit 1
fi
read -r -a jvm_flags <<<"$(sed -E 's/^java_opts=\((.*)\)$/\1/' <<<"$opts_line") ${MML_JAVA_OPTS:-}"

hello="$out_dir/hello"
mkdir -p "$hello"
printf 'public class Hello {\n  public static void main(String[] a) {\n    System.out.println("hello");\n  }\n}\n' \
  >"$hello/Hello.java"
"${JAVAC:-javac}" --release 17 -d "$hello" "$hello/Hello.java"

# timed CMD... -> seconds; output to a log, failure is fatal
timed() {
  local t0 t1
  t0=$(now_ns)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; echo "startup.sh: failed: $*" >&2; exit 1; }
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}
info() { "$root_dir/mml" info tasks=demo; }
help() { "$root_dir/mml" --help; }
hi() { "$JAVA_BIN" "${jvm_flags[@]}" -cp "$hello" Hello; }

info >/dev/null 2>&1 || { info; exit 1; } # warm-up: installs the demo tasks, warms caches
hi >/dev/null; help >/dev/null
ti=(); th=(); tp=()
for ((r = 1; r <= reps; r++)); do
  if (( r % 2 )); then
    ti+=("$(timed info)"); th+=("$(timed hi)"); tp+=("$(timed help)")
  else
    th+=("$(timed hi)"); tp+=("$(timed help)"); ti+=("$(timed info)")
  fi
done
read -r im ilo ihi <<<"$(stats "${ti[@]}")"
read -r hm hlo hhi <<<"$(stats "${th[@]}")"
read -r pm plo phi <<<"$(stats "${tp[@]}")"
report="$out_dir/startup.txt"
{
  echo "CLI start-up — $(date -u +%FT%TZ), $(nproc) cores, $("$JAVA_BIN" -version 2>&1 | head -1)"
  echo "JVM flags (from ./mml): ${jvm_flags[*]}; reps=$reps alternating; seconds: median [min..max]"
  printf '%-34s %6.3f s [%s..%s]\n' "./mml info tasks=demo" "$im" "$ilo" "$ihi"
  printf '%-34s %6.3f s [%s..%s]\n' "java Hello (same flags)" "$hm" "$hlo" "$hhi"
  printf '%-34s %6.3f s [%s..%s]\n' "./mml --help" "$pm" "$plo" "$phi"
  printf 'ratio info / hello: %s   ratio --help / hello: %s\n' \
    "$(awk -v a="$im" -v b="$hm" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$pm" -v b="$hm" 'BEGIN { printf "%.2f", a / b }')"
} | tee "$report"
echo "written to $report"
