#!/usr/bin/env bash
# Browser test of the web UI: makes an archive from the project's own sample export plus one
# post with markup in it, adds a compliance and a legal user, starts `holdfast serve` on a free
# port and runs browser_test.mjs (playwright-core driving Debian's Chromium, headless) against it.
# Usage: tests/web/run.sh BIN_DIR [SCREENSHOT_DIR]   (BIN_DIR holds holdfast and holdfast-sample;
# failures leave screenshots in SCREENSHOT_DIR, by default build/web-test-failures)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BIN_DIR [SCREENSHOT_DIR]}
shots=${2:-$here/../../build/web-test-failures}
hf="$bin/holdfast"
work=$(mktemp -d)
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "web: $*" >&2; exit 1; }

[ -d "$here/node_modules/playwright-core" ] || fail "playwright-core is missing: run tools/dev setup"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: run tools/dev setup"

"$bin/holdfast-sample" --out "$work/export.zip" --posts 400 >/dev/null || fail "holdfast-sample failed"
"$hf" init "$work/a" >/dev/null || fail "init failed"
"$hf" ingest "$work/a" "$work/export.zip" --quiet >/dev/null || fail "ingest of the sample failed"
# A post whose text is markup, with an AWS key the shipped secrets policy flags.
cat >"$work/hostile.jsonl" <<'POST'
{"id":"xss-1","channel":"C900","channel_name":"xss-lab","author":"mallory","time":"2024-03-05T10:00:00Z","text":"<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> key AKIAFKCHLBIIS6SDCGUB"}
POST
"$hf" ingest "$work/a" "$work/hostile.jsonl" --quiet >/dev/null || fail "ingest of the hostile post failed"
token=$("$hf" user add "$work/a" carol --role compliance | sed -n 's/^token: //p')
[ -n "$token" ] || fail "user add printed no token"
legal_token=$("$hf" user add "$work/a" lena --role legal | sed -n 's/^token: //p')
cm_token=$("$hf" user add "$work/a" mia --role community-manager \
  --communities general,finance,engineering | sed -n 's/^token: //p')
[ -n "$cm_token" ] || fail "user add printed no token for the community manager"
[ -n "$legal_token" ] || fail "user add printed no token for the legal user"

"$hf" serve "$work/a" --port 0 >"$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "serving" "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/api/v1/.*|\1|p' "$work/serve.out")
[ -n "$port" ] || fail "serve did not start: $(cat "$work/serve.out")"

start=$(date +%s)
node "$here/browser_test.mjs" "http://127.0.0.1:$port" carol "$token" "$shots" lena "$legal_token" \
  mia "$cm_token"
status=$?
echo "web: browser checks took $(($(date +%s) - start))s"
exit "$status"
