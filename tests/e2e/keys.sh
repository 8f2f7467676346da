#!/usr/bin/env bash
# End-to-end test of the archive's keys and timestamps: rotate-key hands signing to a new key
# that verify, head and bundles follow; timestamp gets an RFC 3161 token from a real local TSA
# (openssl ts behind a small HTTP server) that verify --tsa-ca checks.
# Usage: tests/e2e/keys.sh BIN_DIR   (BIN_DIR holds holdfast and holdfast-sample)
set -uo pipefail

bin=${1:?usage: keys.sh BIN_DIR}
hf="$bin/holdfast"
here=$(cd "$(dirname "$0")" && pwd)
tsa_tools="$here/../testing/tsa"
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=checks.sh
. "$(cd "$(dirname "$0")" && pwd)/checks.sh"

"$bin/holdfast-sample" --out "$work/export.zip" --posts 60 >/dev/null
"$hf" init "$work/a" >/dev/null
"$hf" ingest "$work/a" "$work/export.zip" --quiet >/dev/null 2>&1
"$hf" head "$work/a" >"$work/old.note"
old_key=$(openssl pkey -pubin -in "$work/a/keys/public.pem" -outform DER | sha256sum | cut -c1-16)

out=$("$hf" rotate-key "$work/a"); status=$?
check "rotate-key exits 0" status_is $status 0
check "rotate-key names the retired key" contains "$out" "rotated: key $old_key retired"
check "the retired public key is kept under its fingerprint" test -f "$work/a/keys/retired/$old_key.pem"
check "no staged key is left behind" test ! -e "$work/a/keys/next"
check "the handover head names the old key's last head" contains "$("$hf" head "$work/a")" "handover "
out=$("$hf" verify "$work/a"); status=$?
check "verify follows the key chain" status_is $status 0
check "verify prints the key chain from the first key" contains "$out" "key chain: $old_key -> "
printf '%s\n' '{"id":"after-1","text":"a post under the new key","author":"u9","time":"2024-06-01T10:00:00Z"}' |
  "$hf" ingest "$work/a" - --quiet >/dev/null 2>&1
out=$("$hf" verify "$work/a" --from-head "$work/old.note"); status=$?
check "a head saved under the old key still proves the log only grew" status_is $status 0
check "verify --from-head across a rotation says consistent" contains "$out" "consistent: the log only grew"
"$hf" head "$work/a" --out "$work/pub" >/dev/null
openssl_verifies() {  # the README's check, with nothing of ours
  openssl pkeyutl -verify -pubin -inkey "$1/public.pem" -rawin -in "$1/head.bin" \
    -sigfile "$1/head.sig" >/dev/null 2>&1
}
check "openssl alone verifies the latest head under the new public.pem" openssl_verifies "$work/pub"
"$hf" export "$work/a" --query 'author:u9' --case rotated --out "$work/case.zip" >/dev/null 2>&1
out=$("$hf" verify-bundle "$work/case.zip"); status=$?
check "a bundle of a rotated archive verifies" status_is $status 0
check "verify-bundle starts the chain at the key first published" contains "$out" "key $old_key"
check "verify-bundle prints the key chain" contains "$out" "key chain: $old_key -> "

# A head signed by a key no handover names: swap the key files by hand.
cp -r "$work/a" "$work/swapped"
"$hf" init "$work/other" >/dev/null
cp "$work/other/keys/private.pem" "$work/other/keys/public.pem" "$work/swapped/keys/"
printf '%s\n' '{"id":"after-2","text":"a post under a swapped key","author":"u9","time":"2024-06-01T11:00:00Z"}' |
  "$hf" ingest "$work/swapped" - --quiet >/dev/null 2>&1
out=$("$hf" verify "$work/swapped"); status=$?
check "verify fails on a head signed outside the key chain" status_is $status 1
check "the failure names the record and the reason" contains "$out" "(tree head): signed by a key outside the archive's key chain"

# RFC 3161: a real TSA made with openssl, served over HTTP.
"$tsa_tools/make_tsa.sh" "$work/tsa" >/dev/null 2>&1
"$tsa_tools/make_tsa.sh" "$work/tsa-other" >/dev/null 2>&1
python3 "$tsa_tools/tsa_server.py" "$work/tsa" "$work/tsa.port" &
server=$!
for _ in $(seq 50); do [ -s "$work/tsa.port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/tsa.port")/"
out=$("$hf" timestamp "$work/a" --tsa "$url" --tsa-ca "$work/tsa/ca.pem" 2>&1); status=$?
check "timestamp exits 0 against a local openssl TSA" status_is $status 0
check "timestamp says which head it timestamped" contains "$out" "timestamped the head of"
out=$("$hf" verify "$work/a" --tsa-ca "$work/tsa/ca.pem"); status=$?
check "verify --tsa-ca checks the token" status_is $status 0
check "verify --tsa-ca counts the token" contains "$out" "timestamps: 1 RFC 3161 tokens verify"
out=$("$hf" verify "$work/a"); status=$?
check "plain verify matches the token to its head and says how to check it" contains "$out" "give --tsa-ca"
out=$("$hf" verify "$work/a" --tsa-ca "$work/tsa-other/ca.pem"); status=$?
check "verify --tsa-ca fails under another TSA's CA" status_is $status 1
check "the failure names the timestamp record" contains "$out" "(timestamp): the token's signature does not verify"
out=$("$hf" timestamp "$work/a" --tsa "http://127.0.0.1:1/" 2>&1); status=$?
check "timestamp fails with the URL when no TSA answers" status_is $status 1
check "the transport error names the TSA" contains "$out" "http://127.0.0.1:1/"

# ingest --tsa: the head an ingest ends on is timestamped in the same run.
"$hf" init "$work/b" >/dev/null
out=$("$hf" ingest "$work/b" "$work/export.zip" --quiet --tsa "$url" --tsa-ca "$work/tsa/ca.pem" 2>&1); status=$?
check "ingest --tsa exits 0" status_is $status 0
check "ingest --tsa says which head it timestamped" contains "$out" "timestamped the head of"
out=$("$hf" verify "$work/b" --tsa-ca "$work/tsa/ca.pem"); status=$?
check "the ingest's token verifies" contains "$out" "timestamps: 1 RFC 3161 tokens verify"
# With --commit-every, each head signed during the ingest is timestamped too, not only the last.
"$hf" init "$work/c" >/dev/null
out=$("$hf" ingest "$work/c" "$work/export.zip" --quiet --commit-every 20 --tsa "$url" --tsa-ca "$work/tsa/ca.pem" 2>&1); status=$?
check "ingest --tsa --commit-every 20 exits 0" status_is $status 0
during=$(echo "$out" | sed -n 's/^timestamped \([0-9]*\) heads signed during the ingest$/\1/p')
check "ingest --tsa timestamps the heads signed during the ingest" test "${during:-0}" -ge 2
out=$("$hf" verify "$work/c" --tsa-ca "$work/tsa/ca.pem"); status=$?
check "every head of the ingest has a token that verifies" contains "$out" "timestamps: $((${during:-0} + 1)) RFC 3161 tokens verify"
"$hf" init "$work/d" >/dev/null
out=$("$hf" ingest "$work/d" "$work/export.zip" --quiet --commit-every 20 --tsa "http://127.0.0.1:1/" 2>&1); status=$?
check "a TSA that fails during an ingest names each head left without a token" contains "$out" "no timestamp for the head of"
check "a TSA that fails during an ingest does not stop it" contains "$("$hf" stats "$work/d")" "posts                    60"
out=$("$hf" ingest "$work/b" "$work/export.zip" --quiet --tsa "http://127.0.0.1:1/" 2>&1); status=$?
check "ingest --tsa without a TSA exits 1" status_is $status 1
check "and says the ingest itself is committed" contains "$out" "the ingest is committed"

echo "e2e keys: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
