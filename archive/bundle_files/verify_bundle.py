#!/usr/bin/env python3
"""Check a Holdfast evidence bundle (format holdfast-bundle/2) without Holdfast.

Usage: python3 verify_bundle.py BUNDLE.zip

Needs Python 3.9 or later and the `openssl` command (OpenSSL 3), which checks the Ed25519
signatures; everything else (SHA-256, Merkle proofs) is computed here.

What a successful run proves, given the key printed as "key":
  - manifest.json is signed by the bundle's key (proof/public.pem), and every file of the
    bundle is listed in it with its SHA-256 and size: nothing was changed, added or removed
    since the export.
  - The archive's keys form one chain: each retired key (proof/keys/) handed over to the next
    in a head the new key signed and the old key cosigned, ending at proof/public.pem.
  - proof/head.note, the export head, is signed by a key of that chain: the archive declared
    that its log of N records had that Merkle root at that time.
  - Each earlier head (proof/heads/) is signed too, and its tree is a prefix of the export
    head's tree: nothing logged before it was rewritten later.
  - Each item (proof/items/<seq>.json with native/<seq>/) is, byte for byte, record <seq> of
    that log: its content matches the salted digest, its type, key, capture time, meta and
    digest hash to its leaf, and the leaf's audit path leads to the export head's root.
  - The manifest's counts of items and posts match the bundle.

What it does not prove:
  - That the key belongs to the archive's owner. Compare the fingerprint printed as "key"
    with the one the owner published; only that comparison ties the bundle to the archive.
  - That the bundle holds every record the query would match at that head. That is a claim
    of manifest.json's counts, which anyone can re-check by running the export again at the
    same head on the archive.
  - Anything about the world before capture: a record is what the archive was given, when it
    was given it.

Exit status: 0 if every check passes, 1 if any fails (each failure is printed, naming the
file or item), 2 on a usage error.
"""

import base64
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timedelta

FORMAT = "holdfast-bundle/2"
MAX_LINES = 50
# Record type names as archive/record.cc RecordTypeName prints them, with their leaf byte.
TYPES = {"post": 1, "flag": 2, "review": 3, "dead_letter": 4, "tree_head": 5, "hold": 6,
         "retention": 7, "erasure": 8, "timestamp": 9, "saved_search": 10, "user": 11,
         "audit": 12}
# DER SubjectPublicKeyInfo of an Ed25519 key: these 12 bytes, then the raw 32-byte key.
ED25519_SPKI = bytes.fromhex("302a300506032b6570032100")
NUMBER = r"(0|[1-9][0-9]*)"


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def node_hash(left, right):
    return sha256(b"\x01", left, right)


def format_time(us):
    """RFC 3339 UTC with six fraction digits, as the archive writes it; "" when out of range."""
    try:
        t = datetime(1970, 1, 1) + timedelta(microseconds=us)
    except OverflowError:
        return ""
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)


def pem_key(data):
    """The raw 32-byte Ed25519 key of a PEM public key (SubjectPublicKeyInfo)."""
    text = data.decode("ascii")
    match = re.fullmatch(r"\s*-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=\n]+)"
                         r"-----END PUBLIC KEY-----\s*", text)
    if not match:
        raise ValueError("not a PEM public key")
    der = base64.b64decode(match.group(1).replace("\n", ""), validate=True)
    if len(der) != 44 or not der.startswith(ED25519_SPKI):
        raise ValueError("not an Ed25519 public key")
    return der[12:]


def fingerprint(raw):
    """First 8 bytes of SHA-256 of the key's DER, in hex: what the archive's owner publishes."""
    return sha256(ED25519_SPKI, raw)[:8].hex()


def key_hint(origin, raw):
    """C2SP signed-note key ID of an Ed25519 key."""
    return sha256(origin.encode() + b"\n\x01" + raw)[:4]


def b64(text, size=None):
    data = base64.b64decode(text, validate=True)
    if size is not None and len(data) != size:
        raise ValueError("expected %d bytes" % size)
    return data


def parse_note(data):
    """A signed tree head (archive/tree_head.h) as a dict; raises ValueError if malformed."""
    blank = data.find(b"\n\n")
    if blank < 0 or not data.endswith(b"\n"):
        raise ValueError("no blank line between body and signatures")
    body, lines = data[:blank + 1], data[blank + 2:].decode("utf-8").split("\n")[:-1]
    fields = body.decode("utf-8").split("\n")[:-1]
    if len(fields) not in (4, 5) or not re.fullmatch(r"[!-*,-~]+", fields[0]):
        raise ValueError("the body is not origin, size, root, time and a handover at most")
    if not re.fullmatch(NUMBER, fields[1]) or not re.fullmatch(
            r"time [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z", fields[3]):
        raise ValueError("the size or time line is malformed")
    note = {"origin": fields[0], "size": int(fields[1]), "root": b64(fields[2], 32),
            "time": fields[3][5:], "body": body, "handover": None, "signatures": []}
    if len(fields) == 5:
        ho = re.fullmatch(r"handover %s (\S+) ([0-9a-f]{16}) (\S+)" % NUMBER, fields[4])
        if not ho:
            raise ValueError("the handover line is malformed")
        note["handover"] = {"size": int(ho.group(1)), "root": b64(ho.group(2), 32),
                            "old_key": ho.group(3), "new_key": b64(ho.group(4), 32)}
    if not 1 <= len(lines) <= 4:
        raise ValueError("expected one to four signature lines")
    for line in lines:
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != "\u2014" or parts[1] != note["origin"]:
            raise ValueError("a signature line is not \"\u2014 <origin> <signature>\"")
        blob = b64(parts[2], 68)
        note["signatures"].append((blob[:4], blob[4:]))
    return note


def root_from_audit_path(index, size, leaf, path):
    """RFC 9162 section 2.1.3.2: the root the path leads to, or None if it cannot be one."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def consistent(old_size, new_size, old_root, new_root, path):
    """RFC 9162 section 2.1.4.2: the tree of old_size leaves is a prefix of the new tree."""
    if old_size == new_size or old_size == 0:
        empty = sha256() if old_size == 0 else new_root
        return not path and old_root == empty and old_size <= new_size
    if old_size > new_size or not path:
        return False
    if old_size & (old_size - 1) == 0:
        path = [old_root] + path
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old_root and sr == new_root and sn == 0


def strict_json(data):
    """JSON that names no key twice (two readers could otherwise see two documents)."""
    def pairs(items):
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            raise ValueError("a key appears twice")
        return dict(items)
    if data is None:
        raise ValueError("missing")
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=pairs)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def field(doc, name, kind, pattern=None):
    """doc[name] if it is of `kind` (and matches `pattern`); raises ValueError otherwise."""
    value = doc.get(name) if isinstance(doc, dict) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError("%s is missing or not a %s" % (name, kind.__name__))
    if pattern and not re.fullmatch(pattern, value):
        raise ValueError("%s is malformed" % name)
    return value


def hexes(doc, name):
    items = field(doc, name, list)
    if not all(isinstance(h, str) and re.fullmatch("[0-9a-f]{64}", h) for h in items):
        raise ValueError("%s holds something other than SHA-256 hashes in hex" % name)
    return [bytes.fromhex(h) for h in items]


class Checker:
    def __init__(self, zf, tmp):
        self.zf, self.tmp, self.problems, self.signatures = zf, tmp, [], 0
        self.entries = {}
        for info in zf.infolist():
            name = info.filename
            parts = name.split("/")
            if info.is_dir():
                continue
            if name.startswith("/") or "\\" in name or ":" in parts[0] or any(
                    p in ("", ".", "..") for p in parts):
                self.fail(name, "unsafe file name in the zip")
            elif name in self.entries:
                self.fail(name, "appears twice in the zip")
            else:
                self.entries[name] = info

    def fail(self, name, why):
        if len(self.problems) < MAX_LINES:
            print("%s: %s" % (name, why))
        self.problems.append(name)

    def read(self, name, missing=None):
        """The bytes of `name`; None (and a failure `missing`, if given) when absent."""
        if name not in self.entries:
            if missing:
                self.fail(name, missing)
            return None
        try:
            return self.zf.read(self.entries[name])
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as e:
            self.fail(name, "cannot be read from the zip (%s)" % e)
            return None

    def signed(self, raw_key, message, signature):
        """True if `signature` is raw_key's Ed25519 signature of `message` (by openssl)."""
        if len(signature) != 64:
            return False
        self.signatures += 1
        base = os.path.join(self.tmp, str(self.signatures))
        der = base64.b64encode(ED25519_SPKI + raw_key).decode()
        for suffix, data in ((".pem", "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n"
                              % der), (".msg", message), (".sig", signature)):
            with open(base + suffix, "wb") as f:
                f.write(data.encode() if isinstance(data, str) else data)
        run = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", base + ".pem",
                              "-rawin", "-in", base + ".msg", "-sigfile", base + ".sig"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return run.returncode == 0 and b"Signature Verified Successfully" in run.stdout

    def note(self, name, data, origin, keys):
        """Parses a head note and checks its first signature under the chain key it names."""
        if data is None:
            return None
        try:
            note = parse_note(data)
        except (ValueError, UnicodeDecodeError) as e:
            self.fail(name, "not a signed tree head (%s)" % e)
            return None
        hint, signature = note["signatures"][0]
        if note["origin"] != origin:
            self.fail(name, "names origin %s, not the archive's %s" % (note["origin"], origin))
        elif hint not in keys:
            self.fail(name, "its signature's key hint names no key of the key chain")
        elif not self.signed(keys[hint], note["body"], signature):
            self.fail(name, "the signature does not verify under key %s" % fingerprint(keys[hint]))
        return note

    def key_chain(self, public, origin):
        """The archive's keys, first to proof/public.pem, following the handover notes."""
        retired, next_key = {}, {}
        for name in sorted(self.entries):
            m = re.fullmatch(r"proof/keys/([0-9a-f]{16})\.(pem|handover\.note)", name)
            if m and m.group(2) != "pem" and "proof/keys/%s.pem" % m.group(1) not in self.entries:
                self.fail(name, "no proof/keys/%s.pem goes with it" % m.group(1))
            if not m or m.group(2) != "pem":
                continue
            try:
                raw = pem_key(self.read(name))
            except (ValueError, UnicodeDecodeError) as e:
                self.fail(name, str(e))
                continue
            fp = m.group(1)
            if fingerprint(raw) != fp:
                self.fail(name, "the key's fingerprint is %s" % fingerprint(raw))
                continue
            retired[fp] = raw
            note_name = "proof/keys/%s.handover.note" % fp
            data = self.read(note_name, "missing: the retired key's handover is not shown")
            if data is None:
                continue
            try:
                ho = parse_note(data)
            except (ValueError, UnicodeDecodeError) as e:
                self.fail(note_name, "not a signed tree head (%s)" % e)
                continue
            new = ho["handover"]["new_key"] if ho["handover"] else None
            if not new or ho["handover"]["old_key"] != fp or ho["origin"] != origin:
                self.fail(note_name, "not a handover from key %s under %s" % (fp, origin))
            elif ho["signatures"][0][0] != key_hint(origin, new) or not self.signed(
                    new, ho["body"], ho["signatures"][0][1]):
                self.fail(note_name, "not signed by the new key it names")
            elif not any(h == key_hint(origin, raw) and self.signed(raw, ho["body"], s)
                         for h, s in ho["signatures"][1:]):
                self.fail(note_name, "not cosigned by the retiring key %s" % fp)
            else:
                next_key[fp] = new
        chain = [public]
        while len(chain) <= len(retired):
            before = [fp for fp, new in next_key.items() if new == chain[0]]
            if len(before) != 1:
                break
            chain.insert(0, retired[before[0]])
        if len(chain) != len(retired) + 1 or len(set(chain)) != len(chain):
            self.fail("proof/keys/", "the retired keys do not hand over, one to the next, to "
                      "proof/public.pem")
        return chain

    def manifest_files(self, manifest):
        files = field(manifest, "files", dict)
        for name in sorted(set(self.entries) - set(files) - {"manifest.json", "manifest.sig"}):
            self.fail(name, "present but not listed in manifest.json")
        for name, want in sorted(files.items()):
            if name not in self.entries:
                self.fail(name, "listed in manifest.json but missing")
                continue
            digest, size = hashlib.sha256(), 0
            try:
                with self.zf.open(self.entries[name]) as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        digest.update(chunk)
                        size += len(chunk)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as e:
                self.fail(name, "cannot be read from the zip (%s)" % e)
                continue
            if not isinstance(want, dict) or want.get("sha256") != digest.hexdigest():
                self.fail(name, "SHA-256 does not match manifest.json")
            elif want.get("size") != size:
                self.fail(name, "size does not match manifest.json")

    def item(self, seq, head, heads):
        """Checks proof/items/<seq>.json and native/<seq>/; returns the item's type name."""
        name = "proof/items/%d.json" % seq
        meta_name, content_name = "native/%d/meta.json" % seq, "native/%d/content.json" % seq
        try:
            proof = strict_json(self.read(name, "unreadable"))
            kind = field(proof, "type", str)
            if kind not in TYPES:
                raise ValueError("unknown type %r" % kind)
            key = field(proof, "key", str).encode("utf-8")
            us = field(proof, "captured_at_us", int)
            salt = bytes.fromhex(field(proof, "salt", str, "[0-9a-f]{32}"))
            digest = bytes.fromhex(field(proof, "content_digest", str, "[0-9a-f]{64}"))
            leaf = bytes.fromhex(field(proof, "leaf_hash", str, "[0-9a-f]{64}"))
            erased, path = field(proof, "content_erased", bool), hexes(proof, "path")
            numbers = [field(proof, k, int) for k in
                       ("sequence", "leaf_index", "tree_size", "first_head")]
            captured_at = field(proof, "captured_at", str)
        except (ValueError, UnicodeError, TypeError) as e:
            self.fail(name, "unreadable item proof (%s)" % e)
            return None
        if numbers[:2] != [seq, seq]:
            self.fail(name, "its sequence or leaf_index is not %d" % seq)
        if captured_at != format_time(us):
            self.fail(name, "captured_at does not match captured_at_us")
        meta = self.read(meta_name, "missing: record %d's meta is not in the bundle" % seq)
        content = self.read(content_name)
        if erased and content is not None:
            self.fail(content_name, "present, but proof/items/%d.json says it was erased" % seq)
        elif not erased and content is None:
            self.fail(content_name, "missing, and proof/items/%d.json does not say it was erased"
                      % seq)
        elif content is not None and sha256(salt, content) != digest:
            self.fail(content_name, "content digest does not match proof/items/%d.json" % seq)
        if meta is None:
            return kind
        leaf_input = (struct.pack(">BBqI", 1, TYPES[kind], us, len(key)) + key +
                      struct.pack(">I", len(meta)) + meta + digest)
        if sha256(b"\x00", leaf_input) != leaf:
            self.fail(name, "leaf hash does not match the record's type, key, capture time, "
                      "meta (%s) and content digest" % meta_name)
        elif head and (numbers[2] != head["size"] or root_from_audit_path(
                seq, head["size"], leaf, path) != head["root"]):
            self.fail(name, "audit path does not lead to the root of proof/head.note")
        first = numbers[3]
        if head and first != head["size"] and (first not in heads or seq >= first):
            self.fail(name, "first_head %d is neither the export head nor an earlier head in "
                      "proof/heads/ that holds record %d" % (first, seq))
        return kind

    def run(self):
        manifest_bytes = self.read("manifest.json", "missing")
        try:
            manifest = strict_json(manifest_bytes)
            if not isinstance(manifest, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeError) as e:
            self.fail("manifest.json", "unreadable (%s)" % e)
            manifest = {}
        if manifest and manifest.get("format") != FORMAT:
            self.fail("manifest.json", "format is not %s" % FORMAT)
        archive, want_head, counts = (manifest.get(k) if isinstance(manifest.get(k), dict) else {}
                                      for k in ("archive", "head", "counts"))
        head_bytes = self.read("proof/head.note", "missing")
        origin = archive.get("origin")
        if not isinstance(origin, str):
            self.fail("manifest.json", "archive.origin is missing")
            origin = (head_bytes or b"").split(b"\n")[0].decode("utf-8", "replace")

        # The key: everything below shows only that the bundle is consistent with it.
        public = None
        try:
            public = pem_key(self.read("proof/public.pem", "missing") or b"")
        except (ValueError, UnicodeDecodeError) as e:
            self.fail("proof/public.pem", str(e))
        chain = self.key_chain(public, origin) if public else []
        print("key: %s  <- compare with the fingerprint the archive's owner published"
              % (fingerprint(chain[0]) if chain else "(none)"))
        if len(chain) > 1:
            print("key chain: " + " -> ".join(fingerprint(k) for k in chain))
        if archive.get("key_fingerprint") not in [fingerprint(k) for k in chain]:
            self.fail("manifest.json", "archive.key_fingerprint names no key of the key chain")

        # The manifest: signed, and listing every file with its hash and size.
        signature = self.read("manifest.sig", "missing")
        if public and None not in (manifest_bytes, signature) and not self.signed(
                public, manifest_bytes, signature):
            self.fail("manifest.sig", "not a signature of manifest.json by proof/public.pem")
        try:
            self.manifest_files(manifest)
        except ValueError as e:
            self.fail("manifest.json", str(e))

        # The heads, then the items proven against them.
        keys = {key_hint(origin, k): k for k in chain}
        head = self.note("proof/head.note", head_bytes, origin, keys)
        if head and (want_head.get("tree_size"), want_head.get("root"),
                     want_head.get("timestamp"), want_head.get("note")) != (
                head["size"], head["root"].hex(), head["time"], "proof/head.note"):
            self.fail("proof/head.note", "its size, root or time is not the head manifest.json "
                      "names")
        heads = self.earlier_heads(head, origin, keys)
        items = sorted(int(m.group(1)) for m in (re.fullmatch(r"proof/items/%s\.json" % NUMBER, n)
                                                  for n in self.entries) if m)
        kinds = [self.item(seq, head, heads) for seq in items]
        posts = kinds.count("post")
        self.stray_files(items)
        if counts.get("items") != len(items):
            self.fail("manifest.json", "counts.items is %s, the bundle holds %d items"
                      % (counts.get("items"), len(items)))
        if "posts" in counts and counts["posts"] != posts:
            self.fail("manifest.json", "counts.posts is %s, the bundle holds %d posts"
                      % (counts["posts"], posts))

        if len(self.problems) > MAX_LINES:
            print("... and %d more" % (len(self.problems) - MAX_LINES))
        if self.problems:
            print("FAILED: %d problems" % len(self.problems))
            return 1
        print("OK: %d items (%d posts) proven against the signed head of %d records, %s"
              % (len(items), posts, head["size"], head["time"]))
        return 0

    def earlier_heads(self, head, origin, keys):
        """proof/heads/<size>.note and their consistency with the export head: their sizes."""
        sizes = set()
        for name in sorted(self.entries):
            m = re.fullmatch(r"proof/heads/%s\.note" % NUMBER, name)
            if not m:
                continue
            size, proof_name = int(m.group(1)), "proof/consistency/%s.json" % m.group(1)
            note = self.note(name, self.read(name), origin, keys)
            if note is None or head is None:
                continue
            if note["size"] != size:
                self.fail(name, "holds a head of %d records, not %d" % (note["size"], size))
                continue
            try:
                proof = strict_json(self.read(proof_name))
                path = hexes(proof, "path")
                if (field(proof, "old_size", int), field(proof, "new_size", int)) != (
                        size, head["size"]):
                    raise ValueError("it is not from %d to %d records" % (size, head["size"]))
            except (ValueError, UnicodeError) as e:
                self.fail(proof_name, "unreadable consistency proof (%s)" % e)
                continue
            if not consistent(size, head["size"], note["root"], head["root"], path):
                self.fail(proof_name, "does not prove %s a prefix of proof/head.note" % name)
                continue
            sizes.add(size)
        return sizes

    def stray_files(self, items):
        """Files in the places of the proof layout that no check above has read."""
        proven = set(items)
        layout = re.compile(r"proof/(head\.note|public\.pem|heads/%s\.note|items/%s\.json|"
                            r"consistency/(?P<size>%s)\.json|keys/[0-9a-f]{16}(\.pem|"
                            r"\.handover\.note))" % (NUMBER, NUMBER, NUMBER))
        for name in sorted(self.entries):
            native = re.fullmatch(r"native/%s/(meta|content)\.json" % NUMBER, name)
            proof = layout.fullmatch(name)
            if native and int(native.group(1)) not in proven:
                self.fail(name, "no proof/items/%s.json proves it" % native.group(1))
            elif name.startswith("proof/") and not proof:
                self.fail(name, "not a file of the bundle's proof layout")
            elif proof and proof.group("size") and (
                    "proof/heads/%s.note" % proof.group("size")) not in self.entries:
                self.fail(name, "no proof/heads/%s.note goes with it" % proof.group("size"))


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: python3 verify_bundle.py BUNDLE.zip", file=sys.stderr)
        return 2
    try:
        version = subprocess.run(["openssl", "version"], stdout=subprocess.PIPE).stdout
    except OSError:
        version = b""
    if not re.match(rb"OpenSSL ([3-9]|[1-9][0-9])\.", version):
        print("verify_bundle.py needs the openssl command of OpenSSL 3 or later (found: %s)"
              % (version.decode("utf-8", "replace").strip() or "none"), file=sys.stderr)
        return 2
    try:
        zf = zipfile.ZipFile(argv[1])
    except OSError as e:
        print("cannot open %s: %s" % (argv[1], e), file=sys.stderr)
        return 2
    except zipfile.BadZipFile as e:
        print("%s: not a zip file (%s)\nFAILED: 1 problems" % (argv[1], e))
        return 1
    with zf, tempfile.TemporaryDirectory() as tmp:
        return Checker(zf, tmp).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
