#!/usr/bin/env bash
# End-to-end test of the checker that evidence bundles carry: a real bundle's own
# verify_bundle.py, run with nothing but python3 and openssl, passes it, and fails each
# tampered copy naming what was changed; `holdfast verify-bundle` agrees on every copy.
# Usage: tests/e2e/bundle_py.sh BIN_DIR   (BIN_DIR holds holdfast and holdfast-sample)
set -euo pipefail

bin=${1:?usage: bundle_py.sh BIN_DIR}
hf="$bin/holdfast"
here=$(cd "$(dirname "$0")" && pwd)
sources="$here/../../archive/bundle_files"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$here/checks.sh"
status_not() { [ "$1" -ne "$2" ]; }

"$bin/holdfast-sample" --out "$work/export.zip" --posts 300 >/dev/null
"$hf" init "$work/a" >/dev/null
status=0
"$hf" ingest "$work/a" "$work/export.zip" --quiet >/dev/null 2>&1 || status=$?
# 1 says the sample's planted malformed records went to the dead letters: expected.
check "ingest of the sample exits 0 or 1" test "$status" -le 1
"$hf" export "$work/a" --query 'policy:pii-eu' --case T --out "$work/b.zip" >/dev/null
check "export writes a bundle" test -s "$work/b.zip"

# The checker comes out of the bundle, as a recipient would take it.
unzip -p "$work/b.zip" verify_bundle.py >"$work/v.py"
unzip -p "$work/b.zip" VERIFY.md >"$work/VERIFY.md"
check "the bundle carries verify_bundle.py as in the source tree" \
  cmp -s "$work/v.py" "$sources/verify_bundle.py"
check "the bundle carries VERIFY.md as in the source tree" \
  cmp -s "$work/VERIFY.md" "$sources/VERIFY.md"

# run_py ZIP: sets out and status from the bundle's own checker.
run_py() {
  status=0
  out=$(python3 "$work/v.py" "$1" 2>&1) || status=$?
}
# run_hf ZIP: sets hf_status from holdfast verify-bundle.
run_hf() {
  hf_status=0
  "$hf" verify-bundle "$1" >/dev/null 2>&1 || hf_status=$?
}

run_py "$work/b.zip"
check "the good bundle passes verify_bundle.py (exit 0)" status_is "$status" 0
check "verify_bundle.py says OK" contains "$out" "OK: "
check "verify_bundle.py prints the key's fingerprint" contains "$out" \
  "key: $(openssl pkey -pubin -in "$work/a/keys/public.pem" -outform DER | sha256sum | cut -c1-16)"
run_hf "$work/b.zip"
check "holdfast verify-bundle passes the good bundle" status_is "$hf_status" 0

# VERIFY.md's commands by hand: the manifest's signature and hashes with openssl and sha256sum.
mkdir "$work/by_hand"
(cd "$work/by_hand" && unzip -q "$work/b.zip")
openssl_verifies() {  # VERIFY.md's command, with nothing of ours
  openssl pkeyutl -verify -pubin -inkey "$work/by_hand/proof/public.pem" -rawin \
    -in "$work/by_hand/manifest.json" -sigfile "$work/by_hand/manifest.sig" >/dev/null 2>&1
}
check "openssl alone verifies manifest.sig" openssl_verifies
python3 -c 'import json,sys
for name, f in json.load(open(sys.argv[1]))["files"].items(): print(f["sha256"] + "  " + name)' \
  "$work/by_hand/manifest.json" >"$work/by_hand.sha256"
check "sha256sum -c agrees with manifest.json" \
  bash -c "cd '$work/by_hand' && sha256sum --quiet -c '$work/by_hand.sha256'"

# A post whose content is in the bundle: the item the tampered copies change.
seq=$(python3 - "$work/b.zip" <<'EOF'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
for name in sorted(n for n in names if n.startswith("proof/items/")):
    proof = json.loads(z.read(name))
    if proof["type"] == "post" and "native/%d/content.json" % proof["sequence"] in names:
        print(proof["sequence"])
        break
EOF
)
check "the bundle holds a post with its content" test -n "$seq"
if [ -z "$seq" ]; then  # nothing to tamper with
  printf '%d passed, %d failed\n' "$passed" "$failed"
  exit 1
fi

# tamper MODE OUT: a copy of the good bundle with one change (see the modes below).
tamper() {
  python3 - "$work/b.zip" "$2" "$1" "$seq" <<'EOF'
import hashlib, json, re, sys, zipfile
src, dst, mode, seq = sys.argv[1:]
with zipfile.ZipFile(src) as z:
    files = {info.filename: z.read(info) for info in z.infolist()}
content, proof = "native/%s/content.json" % seq, "proof/items/%s.json" % seq
manifest = json.loads(files["manifest.json"])
def change(name, at, byte):
    files[name] = files[name][:at] + byte + files[name][at + 1:]
if mode in ("content", "content+manifest"):  # one letter's case
    at = re.search(rb"[A-Za-z]", files[content]).start()
    change(content, at, files[content][at:at + 1].swapcase())
if mode == "content+manifest":
    manifest["files"][content] = {"sha256": hashlib.sha256(files[content]).hexdigest(),
                                  "size": len(files[content])}
    files["manifest.json"] = (json.dumps(manifest, indent=2) + "\n").encode()
if mode == "path":  # the first hex digit of the audit path's first hash
    at = re.search(rb'"path"\s*:\s*\[\s*"', files[proof]).end()
    change(proof, at, b"1" if files[proof][at:at + 1] == b"0" else b"0")
if mode == "extra":
    files["notes/extra.txt"] = b"added after the export\n"
if mode == "remove":
    for name in [n for n in files if n.startswith("native/%s/" % seq) or n == proof]:
        del files[name]
        manifest["files"].pop(name, None)
    files["manifest.json"] = (json.dumps(manifest, indent=2) + "\n").encode()
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in files.items():
        z.writestr(name, data)
EOF
}

tamper content "$work/content.zip"
run_py "$work/content.zip"
check "(b) a changed content.json fails (exit 1)" status_is "$status" 1
check "(b) ... naming the item's content digest" contains "$out" \
  "native/$seq/content.json: content digest does not match proof/items/$seq.json"
check "(b) ... and its manifest hash" contains "$out" \
  "native/$seq/content.json: SHA-256 does not match manifest.json"
check "(b) ... and says FAILED" contains "$out" "FAILED: "
run_hf "$work/content.zip"
check "(b) holdfast verify-bundle fails it too" status_not "$hf_status" 0

tamper content+manifest "$work/resealed.zip"
run_py "$work/resealed.zip"
check "(c) a changed content.json with manifest.json updated fails (exit 1)" status_is "$status" 1
check "(c) ... on manifest.sig" contains "$out" "manifest.sig: "
check "(c) ... and on the item's content digest" contains "$out" \
  "native/$seq/content.json: content digest does not match proof/items/$seq.json"
run_hf "$work/resealed.zip"
check "(c) holdfast verify-bundle fails it too" status_not "$hf_status" 0

tamper path "$work/path.zip"
run_py "$work/path.zip"
check "(d) a changed byte of an audit path fails (exit 1)" status_is "$status" 1
check "(d) ... naming the item's audit path" contains "$out" \
  "proof/items/$seq.json: audit path does not lead to the root of proof/head.note"
run_hf "$work/path.zip"
check "(d) holdfast verify-bundle fails it too" status_not "$hf_status" 0

tamper extra "$work/extra.zip"
run_py "$work/extra.zip"
check "(e) an extra file fails (exit 1)" status_is "$status" 1
check "(e) ... naming it" contains "$out" "notes/extra.txt: present but not listed in manifest.json"
run_hf "$work/extra.zip"
check "(e) holdfast verify-bundle fails it too" status_not "$hf_status" 0

tamper remove "$work/removed.zip"
run_py "$work/removed.zip"
check "(f) a post removed with its manifest entries fails (exit 1)" status_is "$status" 1
check "(f) ... on manifest.sig" contains "$out" "manifest.sig: "
check "(f) ... and on counts.items" contains "$out" "manifest.json: counts.items is "
run_hf "$work/removed.zip"
check "(f) holdfast verify-bundle fails it too" status_not "$hf_status" 0

python3 "$work/v.py" >/dev/null 2>&1 && status=0 || status=$?
check "verify_bundle.py without a bundle is a usage error (exit 2)" status_is "$status" 2

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
