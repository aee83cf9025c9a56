#!/usr/bin/env bash
# Overhead per step of the slurm executor on this machine's cluster (submission + scheduling + JVM
# start), from the step markers of a buzz run: for each job step, started_at - max(submitted_at,
# end of what it waited for), and the sbatch call time. Writes bench/out/slurm-overhead.txt.
# Needs a running cluster (.ci/slurm/start.sh) and the built project (./mml builds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"; mkdir -p "$out"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export MML_DATA_PATH="$work/data" MML_RESULTS_PATH="$work/results"
runs=${RUNS:-3}
"$root/mml" info tasks=demo >/dev/null 2>&1
: >"$work/all.tsv"
for i in $(seq 1 "$runs"); do
  t0=$(date +%s.%N)
  "$root/mml" buzz tasks=demo executor=slurm executor.wait=true executor.poll_seconds=0.2 logging.progress=false >/dev/null 2>&1
  t1=$(date +%s.%N)
  run=$(ls -d "$MML_RESULTS_PATH"/default/runs/*/* | sort | tail -1)
  python3 - "$run" "$t0" "$t1" >>"$work/all.tsv" <<'PY'
import json, sys, glob, datetime
run, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def ts(s): return datetime.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()
plan = json.load(open(run + '/plan.json'))['steps']
import re
def san(i):
    o = ''
    for k, c in enumerate(i):
        if c.isalnum() or c == '_': o += c
        elif c in '[,': o += '.'
        elif c == '=': o += '-'
        elif c == ']' and k == len(i) - 1: pass
        else: o += ''.join('%%%02X' % b for b in c.encode())
    return o
m = {s: json.load(open(run + '/steps/' + san(s) + '.json')) for s in plan}
prev_end = None
work = 0.0
for s in plan[1:]:
    x = m[s]
    ready = ts(x['submitted_at'])
    # a dependent step can start only when what precedes it has ended
    deps = [ts(m[p]['ended_at']) for p in plan[1:plan.index(s)] if m[p]['ended_at']]
    if deps and not s.startswith(plan[plan.index(s) - 1].split('[')[0] + '['):
        ready = max(ready, max(deps))
    elif deps:
        same = [p for p in plan[1:plan.index(s)] if p.split('[')[0] != s.split('[')[0]]
        if same: ready = max(ready, max(ts(m[p]['ended_at']) for p in same))
    wait = ts(x['started_at']) - ready
    work += x['seconds']
    print(f"{s}\t{wait:.3f}\t{x['seconds']:.3f}\t{t1 - t0:.3f}")
PY
done
python3 - "$work/all.tsv" "$runs" >"$out/slurm-overhead.txt" <<'PY'
import sys, statistics
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
waits = [float(r[1]) for r in rows]
print("slurm executor overhead per step on the local single-node cluster (.ci/slurm/start.sh)")
print(f"runs: {sys.argv[2]} x buzz tasks=demo (5 job steps each: a as an array of 3, b, finish); 2 cores")
print("per step: start of the step's code minus the moment it could run (submission, or end of what it")
print("depends on) = Slurm scheduling + job launch + JVM start + loading config/plan/structs")
print(f"  median {statistics.median(waits):.2f} s, mean {statistics.mean(waits):.2f} s, min {min(waits):.2f} s, max {max(waits):.2f} s (n={len(waits)})")
ends = sorted(set(float(r[3]) for r in rows))
work = {}
print(f"whole command (submit + wait, incl. prepare and the submitter's JVM): median {statistics.median(ends):.1f} s")
print("per step (step, overhead s, step work s):")
for r in rows[:5]:
    print(f"  {r[0]:<22} {float(r[1]):6.2f} {float(r[2]):6.2f}")
PY
cat "$out/slurm-overhead.txt"
