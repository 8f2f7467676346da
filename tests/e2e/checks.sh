# Sourced by the e2e scripts: check NAME COMMAND... counts a pass when the command succeeds and
# a failure otherwise, printing one line each; `passed` and `failed` hold the counts.
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    printf 'ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$name"
  fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
not_contains() { ! grep -qF -- "$2" <<<"$1"; }
status_is() { [ "$1" -eq "$2" ]; }
differs() { ! cmp -s "$1" "$2"; }

# The log of archive DIR: its segment files, first to last (the 20-digit names sort in order).
log_files() { find "$1/log/segments" -name '*.log' | sort; }
# The size of the log of archive DIR in bytes, all segments together.
log_size() { find "$1/log/segments" -name '*.log' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
# Every byte of the log of archive DIR, segment after segment.
log_bytes() { log_files "$1" | xargs cat; }
# Cuts N bytes off the end of the log of archive DIR, removing segments that the cut empties.
cut_log() {
  local dir=$1 left=$2 file size
  while [ "$left" -gt 0 ]; do
    file=$(log_files "$dir" | tail -n 1)
    size=$(stat -c %s "$file")
    if [ "$size" -gt "$left" ]; then
      truncate -s $((size - left)) "$file"
      left=0
    else
      rm "$file"
      left=$((left - size))
    fi
  done
}
