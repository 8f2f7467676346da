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
