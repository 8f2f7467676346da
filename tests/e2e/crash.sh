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

# How long a whole uninterrupted ingest takes here, so that the kills spread over all of it.
start=$(date +%s%N)
"$hf" init "$work/timing" --segment-bytes 65536 >/dev/null
"$hf" ingest "$work/timing" "$work/export.zip" --quiet --commit-every 500 >/dev/null 2>&1
full_ms=$((($(date +%s%N) - start) / 1000000))
rm -rf "$work/timing"

# Each re-run resumes where the last one was killed, so a delay drawn from the whole ingest
# would often outlast what is left of it. Each delay is drawn from twice the remaining time's
# fair share among the runs still to come (so the delays add up to about the whole ingest), and
# the remaining time shrinks by each delay: nearly every kill lands during an ingest.
killed=0
repaired=0
remaining_ms=$full_ms
for i in $(seq 20); do
  runs_left=$((21 - i))
  window_ms=$((2 * remaining_ms / (runs_left + 1) + 1))
  delay_ms=$(((RANDOM * 32768 + RANDOM) % window_ms + 1))
  timeout -s KILL "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')" \
    "$hf" ingest "$work/a" "$work/export.zip" --quiet --commit-every 500 >/dev/null 2>"$work/err"
  [ $? -eq 137 ] && killed=$((killed + 1))
  grep -q "repaired the log" "$work/err" && repaired=$((repaired + 1))
  remaining_ms=$((remaining_ms > delay_ms ? remaining_ms - delay_ms : 0))
done 2>/dev/null  # the shell's own "Killed" notices
out=$("$hf" ingest "$work/a" "$work/export.zip" --quiet --commit-every 500 2>&1)
status=$?
stats=$("$hf" stats "$work/a" --json --quiet)
verify=$("$hf" verify "$work/a" 2>&1)
verify_status=$?

echo "crash test: $killed of 20 kills landed during an ingest (whole ingest ${full_ms} ms);" \
  "$repaired reopenings repaired a torn tail; $(log_files "$work/a" | wc -l) segments; last run: $out"
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
