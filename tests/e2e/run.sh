#!/usr/bin/env bash
# End-to-end test: drives the real `holdfast` binary through the path a user takes, from a
# sample Slack export to a verified evidence bundle, and through the ways evidence is attacked.
# Usage: tests/e2e/run.sh BIN_DIR   (BIN_DIR holds holdfast and holdfast-sample)
set -uo pipefail

bin=${1:?usage: run.sh BIN_DIR}
hf="$bin/holdfast"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=checks.sh
. "$(cd "$(dirname "$0")" && pwd)/checks.sh"

"$bin/holdfast-sample" --out "$work/export.zip" --posts 400 --malformed 3
# Small segments (64 KiB), so that the whole path runs across segment roll-overs.
"$hf" init "$work/a" --segment-bytes 65536 >/dev/null
check "init keeps the segment size in archive.json" contains "$(cat "$work/a/archive.json")" '"segment_bytes": 65536'
out=$("$hf" ingest "$work/a" "$work/export.zip" --quiet 2>&1); status=$?
check "the log rolled over into several segments" test "$(log_files "$work/a" | wc -l)" -gt 3
check "ingest exits 1 when records are dead-lettered" status_is $status 1
check "ingest names the planted dead letters" contains "$out" "3 dead letters"
check "a dead letter names its file and record" contains "$out" "random/2024-03-02.json: record"
check "a truncated day file is dead-lettered by name" contains "$out" "random/2024-03-03.json"
check "every good post is archived" contains "$out" "400 new"

flags_before=$("$hf" flags "$work/a" --state all --json | wc -l)
check "the ingest left a checkpoint in the archive folder" test -n "$(ls "$work"/a/checkpoints/*.json 2>/dev/null)"
out=$("$hf" ingest "$work/a" "$work/export.zip" --quiet 2>&1); status=$?
check "ingesting the same export again resumes past all 403 records" contains "$out" "resumed: skipped 403 records archived by an earlier run"
check "a resumed ingest scans and adds no post" contains "$out" "read 0 posts: 0 new, 0 already archived"
check "a resumed ingest dead-letters nothing again" status_is $status 0
flags_after=$("$hf" flags "$work/a" --state all --json | wc -l)
check "ingesting the same export again adds no flag" status_is "$flags_before" "$flags_after"
out=$("$hf" ingest "$work/a" "$work/export.zip" --quiet --no-resume 2>&1)
check "ingest --no-resume reads every post again and adds none" contains "$out" "0 new, 400 already archived"
check "ingest --no-resume skips nothing" not_contains "$out" "resumed:"
flags_after=$("$hf" flags "$work/a" --state all --json | wc -l)
check "ingest --no-resume adds no flag" status_is "$flags_before" "$flags_after"
check "the sample raises flags" test "$flags_before" -gt 10

out=$("$hf" search "$work/a" 'author:U0004 reconciliation 2024-03-04..2024-03-04')
check "search finds a known post by author and date" contains "$out" "Anna de Vries"
check "search shows the post's channel" contains "$out" "#finance"
out=$("$hf" search "$work/a" 'author:U0004 reconciliation 2024-03-05..2024-03-31')
check "a date range that excludes the post finds nothing" contains "$out" "0 shown"
out=$("$hf" stats "$work/a")
check "stats counts the posts in the log" contains "$out" "posts                   400"
check "stats counts the dead letters" contains "$out" "dead letters              3"
check "stats says the index is current" contains "$out" "(current)"
json=$("$hf" stats "$work/a" --json)
check "stats --json gives counts by type that add up to the tree size" python3 -c '
import json, sys
s = json.loads(sys.argv[1])
assert sum(s["records"].values()) == s["tree_size"], s
assert s["latest_head"]["size"] + 1 == s["tree_size"] and s["index"]["documents"] == 400, s
' "$json"
search_before=$("$hf" search "$work/a" 'policy:pii-eu' --json)
out=$("$hf" reindex "$work/a" --quiet)
check "reindex rebuilds a document per post from the log" contains "$out" "400 post documents"
check "a rebuilt index answers a query as the ingest's did" status_is "$(cmp -s <(echo "$search_before") <(echo "$("$hf" search "$work/a" 'policy:pii-eu' --json)") && echo 0 || echo 1)" 0
check "quest (xapian-tools) finds a known post in the index" contains "$(quest -d "$work/a/index" -s english reconciliation 2>&1)" "Anna de Vries"
check "a new index has two shards" contains "$("$hf" stats "$work/a")" "400 documents in 2 shards"
"$hf" reindex "$work/a" --quiet --shards 3 >/dev/null
check "reindex --shards 3 rebuilds the index in three shards" contains "$("$hf" stats "$work/a")" "400 documents in 3 shards"
check "an index of three shards answers a query as one of two did" status_is "$(cmp -s <(echo "$search_before") <(echo "$("$hf" search "$work/a" 'policy:pii-eu' --json)") && echo 0 || echo 1)" 0
check "quest reads the three shards as one database" contains "$(quest -d "$work/a/index" -s english reconciliation 2>&1)" "Anna de Vries"

out=$("$hf" search "$work/a" 'wire deposit' --json)
check "search finds a post whose IBAN was flagged" contains "$out" '"key":'
check "a redact-in-index hit is indexed as [redacted]" contains "$out" '[redacted]'
out=$("$hf" search "$work/a" 'NL91ABNA0417164300' --json)
check "a redact-in-index hit cannot be searched for" not_contains "$out" '"key":'
out=$("$hf" search "$work/a" 'reconciliation' --json)
check "search --json gives the post key" contains "$out" '"key":'
"$hf" search "$work/a" 'AND AND (' >/dev/null 2>&1; status=$?
check "an unparseable query is a usage error" status_is $status 2
out=$("$hf" search "$work/a" 'source:slack' --facets --limit 1)
check "search --facets counts every match per channel" contains "$out" "channel: "
check "search --facets counts the policies" contains "$out" "policy: "
oldest=$("$hf" search "$work/a" '' --sort oldest --limit 1 --json | grep -oE '"time":"[^"]+"')
newest=$("$hf" search "$work/a" '' --sort newest --limit 1 --json | grep -oE '"time":"[^"]+"')
check "search --sort oldest and newest give different ends of the archive" test "$oldest" '<' "$newest"
key=$("$hf" search "$work/a" 'reconciliation' --json | head -n 1 | grep -oE '"key":"[0-9a-f]+"' | cut -d'"' -f4)
out=$("$hf" show "$work/a" "$key" --context 2)
check "show --context gives the post and its neighbours" contains "$out" "2 before, 2 after, in the same"
check "show marks the post itself" contains "$out" "key $key"
USER=e2e-officer "$hf" search "$work/a" 'reconciliation' --save recon --sort oldest >/dev/null 2>&1
out=$("$hf" searches "$work/a")
check "a saved search is listed with who saved it" contains "$out" "recon  reconciliation  (oldest, by e2e-officer"
out=$("$hf" search "$work/a" --saved recon)
check "a saved search runs by name" contains "$out" "Quarterly close: the Q1 ledger"

flags=$("$hf" flags "$work/a" --json)
for policy in pii-eu secrets ip off-channel; do
  check "flags include policy $policy" contains "$flags" "\"policy\":\"$policy\""
done
check "a flag carries its byte span and post text" contains "$flags" '"span":{"begin":'
first=$(head -n 1 <<<"$flags" | grep -oE '"flag_id":"[0-9a-f]+"' | cut -d'"' -f4)
open_before=$(wc -l <<<"$flags")
"$hf" review "$work/a" "$first" --dismiss --note "test card" --by e2e >/dev/null
open_after=$("$hf" flags "$work/a" --json | wc -l)
check "a dismissed flag leaves the open queue" status_is $((open_before - 1)) "$open_after"
check "a dismissed flag is listed as dismissed" contains "$("$hf" flags "$work/a" --state dismissed)" "$first"
"$hf" review "$work/a" 0000000000000000 --resolve --note x --by e2e >/dev/null 2>&1; status=$?
check "reviewing an unknown flag fails" status_is $status 1

out=$("$hf" export "$work/a" --query 'policy:pii-eu' --case e2e-case --out "$work/bundle.zip" --by e2e)
check "export writes a bundle" test -s "$work/bundle.zip"
out=$("$hf" verify-bundle "$work/bundle.zip"); status=$?
check "the bundle verifies offline" status_is $status 0
check "verify-bundle names the case" contains "$out" "e2e-case"
mkdir "$work/unz" && (cd "$work/unz" && unzip -q "$work/bundle.zip")
item=$(ls "$work/unz/native"/*/post.json | head -n 1 | xargs dirname | xargs basename)
sed -i 's/"text":"/"text":"X/' "$work/unz/native/$item/content.json"
(cd "$work/unz" && zip -q -r "$work/altered.zip" .)
out=$("$hf" verify-bundle "$work/altered.zip"); status=$?
check "a bundle with one altered post fails" status_is $status 1
check "the failure names the altered item and file" contains "$out" "item $item: native/$item/content.json"
check "the bundle carries RSMF files" test -n "$(ls "$work/unz/rsmf/"*.rsmf)"
check "the bundle carries a DAT load file" test -s "$work/unz/load/export.dat"
check "the bundle carries HTML transcripts" test -s "$work/unz/html/index.html"
check "the bundle carries its chain of custody" contains "$(cat "$work/unz/CHAIN-OF-CUSTODY.txt")" "e2e-case"
cut_at=$(grep -oE '"tree_size": [0-9]+' "$work/unz/manifest.json" | grep -oE '[0-9]+')
"$hf" review "$work/a" "$first" --resolve --note "after the export" --by e2e >/dev/null
"$hf" export "$work/a" --query 'policy:pii-eu' --case e2e-case --out "$work/again.zip" \
  --head "$cut_at" --by e2e --quiet >/dev/null
"$hf" export "$work/a" --query 'policy:pii-eu' --case e2e-case --out "$work/latest.zip" --quiet >/dev/null
check "the same export at the same head is byte-identical after the archive grew" \
  cmp -s "$work/bundle.zip" "$work/again.zip"
check "an export at the latest head differs" differs "$work/bundle.zip" "$work/latest.zip"
check "the export is in the audit log, with its manifest's SHA-256" contains \
  "$("$hf" audit "$work/a" --type export 2>&1)" "$(unzip -p "$work/bundle.zip" manifest.json | sha256sum | cut -c1-64)"
out=$("$hf" export "$work/a" --flags resolved --case e2e-flags --out "$work/resolved.zip" 2>&1)
check "an export by review state finds the resolved flag's post" contains "$out" "1 posts, 1 flags"
out=$("$hf" export "$work/a" --query x --hold y --case c --out "$work/bad.zip" 2>&1); status=$?
check "export refuses two selections at once" status_is $status 2
out=$("$hf" export "$work/a" --query x --case c --head 1 --out "$work/bad.zip" 2>&1); status=$?
check "export at a head the archive never signed fails naming the nearest" contains "$out" "the archive signed no head of 1 records"

out=$("$hf" verify "$work/a"); status=$?
check "an untouched archive verifies" status_is $status 0
cp -r "$work/a" "$work/flipped"
log=$(grep -lF 'Q1 ledger reconciliation' $(log_files "$work/flipped") | head -n 1)
offset=$(grep -obUaF 'Q1 ledger reconciliation' "$log" | head -n 1 | cut -d: -f1)
seq=$("$hf" search "$work/a" 'reconciliation' --json | grep -oE '"seq":[0-9]+' | head -n 1 | cut -d: -f2)
printf 'q' | dd of="$log" bs=1 seek="$offset" conv=notrunc status=none
out=$("$hf" verify "$work/flipped"); status=$?
check "a flipped byte in the log fails verify" status_is $status 1
check "verify names the changed record" contains "$out" "record $seq"
for cut in 1 5000; do
  cp -r "$work/a" "$work/cut$cut"
  cut_log "$work/cut$cut" $cut
  "$hf" verify "$work/cut$cut" >/dev/null 2>&1; status=$?
  check "a log truncated by $cut bytes fails verify" status_is $status 1
done

"$hf" init "$work/b" >/dev/null
out=$(printf '%s\n' '{"id":"1","text":"pay with 4111 1111 1111 1111","author":"u1","time":"2024-05-01T10:00:00Z"}' \
  'not json' '{"id":"2"}' | "$hf" ingest "$work/b" - --quiet 2>&1); status=$?
check "JSONL from stdin: bad lines dead-lettered, exit 1" status_is $status 1
check "JSONL dead letter names the line" contains "$out" "<stdin>: record 2"
check "JSONL dead letter says what is missing" contains "$out" "missing 'text'"
check "JSONL post is scanned" contains "$("$hf" flags "$work/b" --json)" '"rule":"pii-eu.'

out=$(printf '%s\n' '{"id":"a","text":"card 4111 1111 1111 1111 and IBAN NL91ABNA0417164300"}' \
  '{"id":"b","text":"lunch at noon?"}' '{"text":"no id"}' | "$hf" scan 2>/dev/null); status=$?
check "scan prints one line per input line, in order" status_is "$(wc -l <<<"$out")" 3
check "scan reports a card with its confidence and byte span" contains "$(head -n 1 <<<"$out")" '"category":"pii.credit_card","severity":"high","confidence":"high","action":"redact-in-index","span":{"begin":5,"end":24}'
check "scan reports no hits for clean chatter" contains "$(sed -n 2p <<<"$out")" '"hits":[]'
check "scan names a bad line" contains "$(sed -n 3p <<<"$out")" '{"line":3,"error":'
check "scan exits 1 when a line could not be scanned" status_is $status 1

out=$("$hf" read "$work/export.zip" 2>"$work/read.err"); status=$?
check "read prints one line per post of the export" status_is "$(wc -l <<<"$out")" 400
check "read prints posts as the archive records them" contains "$(head -n 1 <<<"$out")" '"source":"slack"'
check "read names each dead letter on stderr" status_is "$(grep -c '^dead letter: ' "$work/read.err")" 3
check "read exits 1 when records are dead-lettered" status_is $status 1
out=$("$hf" read "$work/export.zip" --count 2>/dev/null)
check "read --count counts posts and dead letters" contains "$out" "400 posts, 3 dead letters"
"$bin/holdfast-sample" --out "$work/big.zip" --posts 50000 >/dev/null
out=$(script -qec "'$hf' read '$work/big.zip' --count" /dev/null | tr '\r' '\n')
check "read shows progress on a terminal: records/s, MB/s, % and ETA" contains "$out" "% of 1.1 MB  ETA"
out=$(script -qec "'$hf' read '$work/big.zip' --count --quiet" /dev/null | tr '\r' '\n')
check "read --quiet shows no progress on a terminal" not_contains "$out" "rec/s"
out=$("$hf" read "$work/big.zip" --count 2>&1)
check "read shows no progress when not on a terminal" not_contains "$out" "rec/s"

# A full disk, caused for real: a file size limit (ulimit -f, with SIGXFSZ ignored so that
# writes fail with EFBIG) stops the log from growing mid-ingest.
"$bin/holdfast-sample" --out "$work/clean.zip" --posts 3000 >/dev/null
"$hf" init "$work/full" >/dev/null
out=$( (trap '' XFSZ; ulimit -f 1000; "$hf" ingest "$work/full" "$work/clean.zip" --quiet --commit-every 500) 2>&1); status=$?
check "an ingest that cannot write its log exits 1, not with a crash" status_is $status 1
check "an ingest that cannot write its log says which file and why" contains "$out" "log/segments/00000000000000000000.log: cannot write to the log: File too large"
out=$("$hf" verify "$work/full" 2>&1); status=$?
check "an archive whose disk filled up still verifies" status_is $status 0
check "verify notes the append that was cut short" contains "$out" "cut short and never signed"
"$hf" ingest "$work/full" "$work/clean.zip" --quiet >/dev/null 2>&1
check "with room again, the ingest finishes the export" contains "$("$hf" stats "$work/full" --json)" '"posts": 3000'
check "and the archive verifies" status_is "$("$hf" verify "$work/full" >/dev/null 2>&1; echo $?)" 0

# A read-only archive folder: a user without write permission (as root, the same command run
# as nobody through setpriv; the folder is root's and only readable by others).
as_reader() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  else
    "$@"
  fi
}
"$bin/holdfast-sample" --out "$work/ro.zip" --posts 50 --seed 9 >/dev/null
"$hf" init "$work/ro" >/dev/null
"$hf" ingest "$work/ro" "$work/ro.zip" --quiet >/dev/null
chmod 755 "$work" && chmod -R a+rX,go-w "$work/ro" "$work/clean.zip"
[ "$(id -u)" -eq 0 ] || chmod -R a-w "$work/ro"
log_before=$(log_bytes "$work/ro" | sha256sum)
out=$(as_reader "$hf" ingest "$work/ro" "$work/clean.zip" --quiet 2>&1); status=$?
check "an ingest into a read-only archive exits 1" status_is $status 1
check "and says which file it cannot write and why" contains "$out" "ro/lock: cannot open the lock file: Permission denied"
check "the read-only archive is unchanged" test "$(log_bytes "$work/ro" | sha256sum)" = "$log_before"
check "a reader still verifies it" status_is "$(as_reader "$hf" verify "$work/ro" >/dev/null 2>&1; echo $?)" 0
check "and searches it" contains "$(as_reader "$hf" search "$work/ro" '' 2>&1)" "matching posts"
chmod -R u+w "$work/ro"

"$hf" ingest >/dev/null 2>&1; status=$?
check "a usage error exits 2" status_is $status 2
"$hf" ingest --help >/dev/null; status=$?
check "--help exits 0" status_is $status 0
"$hf" rules test >/dev/null; status=$?
check "the shipped policies pass their examples" status_is $status 0

# The auditor's side of a signed tree head: publish it, check it with OpenSSL alone, and prove
# later that the log only grew since it was saved.
"$hf" head "$work/a" >"$work/saved.note"; status=$?
check "head prints the latest signed tree head" status_is $status 0
check "head prints a note signed in the archive's name" contains "$(cat "$work/saved.note")" "— holdfast/"
"$hf" head "$work/a" --out "$work/pub" >/dev/null; status=$?
check "head --out exits 0" status_is $status 0
check "head.sig is the raw 64-byte signature" status_is "$(stat -c %s "$work/pub/head.sig")" 64
check "head.bin is the note's body, byte for byte" \
  cmp -s "$work/pub/head.bin" <(head -c "$(stat -c %s "$work/pub/head.bin")" "$work/saved.note")
openssl_verifies() {  # openssl_verifies DIR: the check README gives, with nothing of ours
  (cd "$1" && openssl pkeyutl -verify -pubin -inkey public.pem -rawin -in head.bin -sigfile head.sig \
    >/dev/null 2>&1)
}
openssl_rejects() { ! openssl_verifies "$1"; }
check "openssl alone verifies head.bin with head.sig and public.pem" openssl_verifies "$work/pub"
cp -r "$work/pub" "$work/pub-flipped"
printf 'H' | dd of="$work/pub-flipped/head.bin" bs=1 seek=0 conv=notrunc status=none  # "holdfast/..."
check "openssl rejects head.bin with one byte changed" openssl_rejects "$work/pub-flipped"

cp -r "$work/a" "$work/a-before"
printf '%s\n' '{"id":"late-1","text":"a post after the head was saved","author":"u9","time":"2024-06-01T10:00:00Z"}' |
  "$hf" ingest "$work/a" - --quiet >/dev/null 2>&1
out=$("$hf" verify "$work/a" --from-head "$work/saved.note"); status=$?
check "verify --from-head: a grown archive is consistent with a saved head" status_is $status 0
check "verify --from-head prints both sizes and says consistent" contains "$out" "consistent: the log only grew from"
check "verify --from-head still runs the full verify" contains "$out" "signed heads verified"
"$hf" head "$work/a" >"$work/grown.note"
out=$("$hf" verify "$work/a-before" --from-head "$work/grown.note"); status=$?
check "verify --from-head fails when the log is shorter than the saved head" status_is $status 1
check "a shorter log is named as cut short" contains "$out" "the log was cut short or replaced"
out=$("$hf" verify "$work/b" --from-head "$work/saved.note"); status=$?
check "verify --from-head fails on a head of another archive" status_is $status 1
check "a head of another archive is named as such" contains "$out" "does not verify under this archive's key"
"$hf" init "$work/forged" >/dev/null
cp "$work/a/archive.json" "$work/forged/archive.json" && cp "$work/a/keys/"*.pem "$work/forged/keys/"
"$bin/holdfast-sample" --out "$work/more.zip" --posts 900 >/dev/null
"$hf" ingest "$work/forged" "$work/more.zip" --quiet >/dev/null 2>&1
out=$("$hf" verify "$work/forged"); status=$?
check "a log rewritten under the same key passes the plain verify" status_is $status 0
out=$("$hf" verify "$work/forged" --from-head "$work/saved.note"); status=$?
check "verify --from-head fails on a log rewritten under the same key" status_is $status 1
check "a rewritten log is named as not consistent" contains "$out" "not consistent"
printf 'not a note\n' >"$work/junk.note"
"$hf" verify "$work/a" --from-head "$work/junk.note" >/dev/null; status=$?
check "verify --from-head fails on a file that is no tree head" status_is $status 1

# Retention, legal holds and erasure: expired posts lose their content in the log and the index
# and leave tombstones, a hold keeps its custodian's posts, and the archive still verifies.
"$bin/holdfast-sample" --out "$work/ret.zip" --posts 200 --seed 5
"$hf" init "$work/ret" >/dev/null
"$hf" ingest "$work/ret" "$work/ret.zip" --quiet >/dev/null 2>&1
posts_json=$("$hf" search "$work/ret" '' --limit 500 --json)
custodian=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1].splitlines()[0])["author_id"])' "$posts_json")
gone_text=$(python3 -c '
import json, sys
for line in sys.argv[1].splitlines():
    hit = json.loads(line)
    if hit["author_id"] != sys.argv[2] and len(hit["snippet"]) > 30 and "<" not in hit["snippet"]:
        print(hit["snippet"]); break
' "$posts_json" "$custodian")
check "the sample's text is in the log before erasure" grep -qF -- "$gone_text" $(log_files "$work/ret")
"$hf" hold place "$work/ret" "Case 7" --custodian "$custodian" --by "Lena Legal" --reason "litigation" >/dev/null
out=$("$hf" hold place "$work/ret" "Case 7" --custodian "$custodian" --by "Lena Legal" 2>&1); status=$?
check "a hold in force cannot be placed twice" status_is $status 2
"$hf" retention set "$work/ret" chat --keep-days 30 --by "Rob Records" >/dev/null
out=$("$hf" erase "$work/ret" --expired --now 2025-01-01T00:00:00Z --by "Rob Records"); status=$?
check "erase --expired exits 0 though a hold kept posts" status_is $status 0
check "erase names the hold that kept posts" contains "$out" 'kept by hold "Case 7"'
check "the erased text is gone from the log file" not_contains "$(log_bytes "$work/ret")" "$gone_text"
check "and from every file of the index" not_contains "$(cat "$work/ret"/index/*)" "$gone_text"
check "the archive verifies after erasure" status_is "$("$hf" verify "$work/ret" >/dev/null 2>&1; echo $?)" 0
check "the custodian's posts are still searchable" status_is "$("$hf" search "$work/ret" "author:$custodian" --limit 500 --json | wc -l)" \
  "$(python3 -c 'import json,sys; print(sum(json.loads(l)["author_id"]==sys.argv[2] for l in sys.argv[1].splitlines()))' "$posts_json" "$custodian")"
check "stats counts tombstones, holds and retention rules" python3 -c '
import json, sys
s = json.loads(sys.argv[1])
assert s["records"]["tombstones"] > 0 and s["records"]["holds"] == 1 and s["records"]["retention_rules"] == 1, s
assert s["erased_contents"] >= s["records"]["tombstones"], s
assert sum(s["records"].values()) == s["tree_size"], s
' "$("$hf" stats "$work/ret" --json)"
check "search by hold finds exactly the custodian's posts" test \
  "$("$hf" search "$work/ret" 'hold:"case 7"' --limit 500 --json | wc -l)" = \
  "$("$hf" search "$work/ret" "author:$custodian" --limit 500 --json | wc -l)"
out=$("$hf" erase "$work/ret" --author "$custodian" --reference DSR-1 --by "Priya Privacy"); status=$?
check "a data-subject request under hold exits 1" status_is $status 1
"$hf" hold release "$work/ret" "Case 7" --by "Lena Legal" >/dev/null
out=$("$hf" erase "$work/ret" --author "$custodian" --reference DSR-1 --by "Priya Privacy"); status=$?
check "after the release the request is met" status_is $status 0
check "and the author is no longer found" status_is "$("$hf" search "$work/ret" "author:$custodian" --json | wc -l)" 0
check "a released hold finds nothing" test "$("$hf" search "$work/ret" 'hold:"Case 7"' --json | wc -l)" = 0
check "hold list shows the placing and the release" contains "$("$hf" hold list "$work/ret")" "released Case 7"

# Every format holdfast-sample writes, as the tool itself would: `read` finds the format
# without --format, reads exactly the posts written (system and delete posts included) and no
# dead letter, and the same seed gives the same bytes.
mkdir -p "$work/formats"
for sample in slack:slack.zip teams:teams.zip yammer:yammer.zip whatsapp:whatsapp.zip \
  mattermost:mattermost.jsonl telegram:result.json discord:discord.zip jsonl:posts.jsonl; do
  format=${sample%%:*}
  file="$work/formats/${sample#*:}"
  "$bin/holdfast-sample" --format "$format" --posts 300 --seed 11 --out "$file"
  "$bin/holdfast-sample" --format "$format" --posts 300 --seed 11 --out "$work/formats/again"
  check "a $format sample is byte-identical for the same seed" cmp -s "$file" "$work/formats/again"
  out=$("$hf" read "$file" 2>/dev/null | head -n 1)
  check "read detects a $format sample without --format" contains "$out" "\"source\":\"$format\""
  out=$("$hf" read "$file" --count 2>/dev/null); status=$?
  check "read counts the 300 posts of a $format sample and no dead letter" contains "$out" "300 posts, 0 dead letters"
  check "read of a $format sample exits 0" status_is $status 0
done
"$bin/holdfast-sample" --format teams --posts 300 --seed 12 --out "$work/formats/other-seed.zip"
differ() { ! cmp -s "$1" "$2"; }
check "another seed gives another sample" differ "$work/formats/teams.zip" "$work/formats/other-seed.zip"


# The HTTP API: `user add` prints a token once; `serve` on a free port answers /api/v1 to that
# token, 401 to none, and stops answering it once the user is removed, without a restart.
"$hf" init "$work/api" >/dev/null
out=$("$hf" user add "$work/api" e2e-admin --role admin); status=$?
check "user add exits 0" status_is $status 0
check "user add says the token will not be shown again" contains "$out" "will not be shown again"
token=$(sed -n 's/^token: //p' <<<"$out")
check "user add prints a 64-hex-digit token" test "$(grep -cE '^[0-9a-f]{64}$' <<<"$token")" -eq 1
out=$("$hf" user list "$work/api")
check "user list names the user and role" contains "$out" "e2e-admin"
check "user list never shows the token" not_contains "$out" "$token"
"$hf" serve "$work/api" --port 0 >"$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "serving" "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/api/v1/.*|\1|p' "$work/serve.out")
check "serve says the free port it took, under /api/v1" test -n "$port"
http_code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "the token gets 200 on /api/v1/head" status_is "$(http_code -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/head")" 200
check "no token gets 401 on /api/v1/head" status_is "$(http_code "http://127.0.0.1:$port/api/v1/head")" 401
"$hf" user remove "$work/api" e2e-admin >/dev/null
check "a removed user's token gets 401 from the running server" status_is "$(http_code -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/head")" 401
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null

# HTTPS: `serve --cert --key` with a self-signed certificate made by openssl; curl trusts only
# that certificate. A certificate that is not there is an error naming it.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/tls-key.pem" -out "$work/tls-cert.pem" 2>/dev/null
"$hf" serve "$work/api" --port 0 --cert "$work/tls-cert.pem" --key "$work/tls-key.pem" >"$work/serve-tls.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "serving" "$work/serve-tls.out" && break; sleep 0.1; done
port=$(sed -n 's|.*https://127\.0\.0\.1:\([0-9]*\)/api/v1/.*|\1|p' "$work/serve-tls.out")
check "serve --cert --key says https and its port" test -n "$port"
check "the web UI answers over HTTPS to a client trusting the certificate" status_is "$(http_code --cacert "$work/tls-cert.pem" "https://127.0.0.1:$port/")" 200
check "a client trusting no such certificate gets no answer" status_is "$(http_code "https://127.0.0.1:$port/")" 0
check "TLS 1.2 is served" status_is "$(http_code --cacert "$work/tls-cert.pem" --tlsv1.2 --tls-max 1.2 "https://127.0.0.1:$port/")" 200
# SECLEVEL=0 lets curl itself offer TLS 1.1 (it does against `openssl s_server -tls1_1`).
check "TLS 1.1 is refused" status_is "$(http_code --cacert "$work/tls-cert.pem" --ciphers 'DEFAULT:@SECLEVEL=0' --tlsv1.1 --tls-max 1.1 "https://127.0.0.1:$port/")" 0
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null
out=$("$hf" serve "$work/api" --port 0 --cert "$work/missing.pem" --key "$work/tls-key.pem" 2>&1); status=$?
check "serve with a missing certificate exits 1" status_is $status 1
check "serve names the certificate it cannot read" contains "$out" "cannot read the TLS certificate $work/missing.pem"

# Reviews and audit over the API: the server opens the archive read-only, spools the review and
# an audit record of each request in DIR/pending, and commits them itself while no other writer
# holds the archive; `holdfast audit` lists them from the signed log, which still verifies.
out=$("$hf" user add "$work/a" e2e-reviewer --role compliance)
token=$(sed -n 's/^token: //p' <<<"$out")
flag=$("$hf" flags "$work/a" --json | head -n 1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["flag_id"])')
"$hf" serve "$work/a" --port 0 >"$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "serving" "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/api/v1/.*|\1|p' "$work/serve.out")
code=$(curl -s -o "$work/review.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
  -d '{"action":"escalate","assignee":"e2e-reviewer","note":"e2e, checked"}' \
  "http://127.0.0.1:$port/api/v1/flags/$flag/review")
check "a review over the API is committed at once when no one else writes (200)" status_is "$code" 200
check "the review is recorded as the caller's" contains "$(cat "$work/review.json")" '"by":"e2e-reviewer"'
check "a review naming no assignee for escalate gets 400" status_is "$(http_code -X POST -H "Authorization: Bearer $token" -d '{"action":"escalate"}' "http://127.0.0.1:$port/api/v1/flags/$flag/review")" 400
check "an API search answers 200" status_is "$(http_code -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/search?q=reconciliation")" 200
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null
check "the server left nothing in its spool when it stopped" test -z "$(ls "$work/a/pending"/*.rec 2>/dev/null)"
out=$("$hf" audit "$work/a" --type review --csv); status=$?
check "audit --type review --csv exits 0" status_is $status 0
check "audit --csv starts with its header row" contains "$(head -n 1 <<<"$out")" "time,user,role,action,target,detail,sequence"
check "audit --type review lists the API review with its note quoted" contains "$out" "e2e-reviewer,compliance,escalate,$flag,\"e2e, checked; assignee: e2e-reviewer\","
check "audit --type search lists the API search" contains "$("$hf" audit "$work/a" --type search)" "e2e-reviewer (compliance)  reconciliation"
check "the flag reviewed over the API is escalated" contains "$("$hf" flags "$work/a" --state escalated --json)" "\"flag_id\":\"$flag\""
"$hf" verify "$work/a" >/dev/null; status=$?
check "the log with API reviews and audit records verifies" status_is $status 0

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
