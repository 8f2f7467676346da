#!/usr/bin/env bash
# Crash test: `holdfast ingest` killed with SIGKILL at 20 random moments of a large ingest (and
# re-run after each kill), then run to the end. Every post of the export must be in the log
# exactly once, the index must hold one document per post, and verify must pass. The archive
# has small segments (64 KiB), so that kills land around segment roll-overs too.
# Usage: tests/e2e/crash.sh BIN_DIR [POSTS=10000] [SEED=20241206]
set -uo pipefail

bin=${1:?usage: crash.sh BIN_DIR [POSTS] [SEED]}
posts=${2:-10000}
RANDOM=${3:-20241206}  # fixed: a red run is reproducible
hf="$bin/holdfast"
# shellcheck source=checks.sh
. "$(cd "$(dirname "$0")" && pwd)/checks.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/holdfast-sample" --out "$work/export.zip" --posts "$posts" >/dev/null
"$hf" init "$work/a" --segment-bytes 65536 >/dev/null

# How long a whole uninterrupted ingest takes here, and how large a log it writes.
start=$(date +%s%N)
"$hf" init "$work/timing" --segment-bytes 65536 >/dev/null
"$hf" ingest "$work/timing" "$work/export.zip" --quiet --commit-every 500 >/dev/null 2>&1
full_ms=$((($(date +%s%N) - start) / 1000000))
full_bytes=$(log_size "$work/timing")
rm -rf "$work/timing"

# A kill at a random time often missed: each re-run resumes, start-up time varies on a shared
# machine, and a delay could outlast what was left of the ingest. So each run is killed once
# its log has grown by a random number of bytes (plus a few random milliseconds): drawn from
# twice the remaining log's fair share among the runs still to come, so that the kills spread
# over the whole ingest and nearly every one lands while an ingest is appending. What remains
# is measured after each kill, since a run writes on for a moment past its target.
killed=0
repaired=0
for i in $(seq 20); do
  remaining=$((full_bytes - $(log_size "$work/a")))
  remaining=$((remaining > 0 ? remaining : 0))
  runs_left=$((21 - i))
  window=$((2 * remaining / (runs_left + 1) + 1))
  grow=$(((RANDOM * 32768 + RANDOM) % window + 1))
  base=$(log_size "$work/a")
  "$hf" ingest "$work/a" "$work/export.zip" --quiet --commit-every 500 >/dev/null 2>"$work/err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ $(($(log_size "$work/a") - base)) -ge "$grow" ]; then
      sleep "0.0$((RANDOM % 4))"
      kill -KILL "$pid" 2>/dev/null
      break
    fi
    sleep 0.02
  done
  wait "$pid"
  [ $? -eq 137 ] && killed=$((killed + 1))
  grep -q "repaired the log" "$work/err" && repaired=$((repaired + 1))
done 2>/dev/null  # the shell's own "Killed" notices
before_last=$("$hf" stats "$work/a" --json --quiet | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"]["posts"])')
out=$("$hf" ingest "$work/a" "$work/export.zip" --quiet --commit-every 500 2>&1)
status=$?
stats=$("$hf" stats "$work/a" --json --quiet)
verify=$("$hf" verify "$work/a" 2>&1)
verify_status=$?

echo "crash test: $killed of 20 kills landed during an ingest (whole ingest ${full_ms} ms," \
  "$full_bytes bytes of log); $before_last of $posts posts archived by the killed runs;" \
  "$repaired reopenings repaired the log (a torn tail cut or an empty segment removed);" \
  "$(log_files "$work/a" | wc -l) segments; last run: $out"
python3 - "$stats" "$posts" "$status" "$verify_status" "$verify" <<'PY'
import json, sys
stats, posts = json.loads(sys.argv[1]), int(sys.argv[2])
status, verify_status, verify = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
problems = []
if status != 0:
    problems.append(f"the last ingest exited {status}")
if stats["records"]["posts"] != posts:
    problems.append(f"{stats['records']['posts']} post records for {posts} posts")
if stats["index"]["documents"] != posts:
    problems.append(f"{stats['index']['documents']} index documents for {posts} posts")
if stats["index"]["log_position"] != stats["tree_size"]:
    problems.append("the index is behind the log")
if verify_status != 0:
    problems.append("verify failed: " + verify)
print("crash test:", "FAILED: " + "; ".join(problems) if problems else
      f"ok: {posts} posts each in the log once, {stats['tree_size']} records, verify passes")
sys.exit(1 if problems else 0)
PY
