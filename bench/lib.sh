# Shared helpers for the bench scripts (sourced, not run).
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(cd "$bench_dir/.." && pwd)"
out_dir="$bench_dir/out"
mkdir -p "$out_dir"
JAVA_BIN="${JAVA:-java}"

now_ns() { date +%s%N; }

# stats NAME VALUES... -> "median min max" (seconds, 3 decimals) of the given numbers
stats() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%.3f %.3f %.3f\n", m, a[1], a[NR] }'
}

# Ensures the root reactor is packaged (offline); retries a few times because others edit the tree.
ensure_root_packaged() {
  local tries=0
  until (cd "$root_dir" && mvn -B -ntp -o -q -DskipTests package >"$out_dir/root-package.log" 2>&1); do
    tries=$((tries + 1))
    if (( tries >= 3 )); then
      echo "bench: the root build failed 3 times; see $out_dir/root-package.log" >&2
      return 1
    fi
    echo "bench: root build failed (someone mid-edit?); retrying in 60 s" >&2
    sleep 60
  done
}

# The directory of the user's local Maven repository.
m2_repo() { echo "${M2_REPO:-$HOME/.m2/repository}"; }

# Builds the bench drivers module with the reactor (profile "bench") and prints its class path.
bench_classpath() {
  local cpfile="$out_dir/drivers.classpath"
  if ! (cd "$root_dir" && mvn -B -ntp -o -q -Pbench -DskipTests -Dinvoker.skip=true package \
        dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime \
        -pl bench/drivers -am >"$out_dir/drivers-build.log" 2>&1); then
    cat "$out_dir/drivers-build.log" >&2
    echo "bench: building bench/drivers failed" >&2
    return 1
  fi
  echo "$bench_dir/drivers/target/classes:$(cat "$cpfile")"
}
