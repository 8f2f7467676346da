#!/usr/bin/env python3
"""Writes tests/quality/blind.jsonl, the blind labelled evaluation set (see README.md, "Blind set").

Written from the labelling guide only, after the rules were tuned, by someone who never saw
the rules. Its templates (gen_blind/) are new sentences; the check-digit values, word
disguises and consistency guards are shared with make_eval.py (gen/values.py, gen/fill.py,
gen/guards.py). Deterministic: the same seed and templates give the same file byte for byte.
Usage: python3 tests/quality/make_blind.py [--out FILE] [--check] [--summary]
"""
import argparse
import collections
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from gen import guards  # noqa: E402
from gen_blind import clean, common, compliance, conduct, ip, negatives, pii, secrets  # noqa: E402

SEED = 20251104
SHARE_HARD = 0.15          # of all posts
SHARE_CLEAN = 0.56         # of all posts; positives are what the minimums below require
MIN_POSTS = 15
MIN_POSTS_WEAK = 25
WEAK = {"pii.credit_card", "pii.phone", "pii.national_id", "pii.nl_id_document",
        "secret.password_in_text", "secret.generic", "ip.confidential_marking", "ip.source_code",
        "conduct.harassment", "conduct.threat", "compliance.off_channel",
        "compliance.insider_info", "compliance.front_running"}
NOT_DISGUISED = {c for c in ["secret.aws_key", "secret.gcp_key", "secret.azure_key",
                             "secret.github_token", "secret.gitlab_token", "secret.slack_token",
                             "secret.stripe_key", "secret.private_key", "secret.jwt",
                             "secret.generic", "ip.source_code"]}
SOURCES = ["slack"] * 5 + ["teams"] * 4 + ["whatsapp"] * 2 + ["mattermost", "yammer"]
CHANNELS = ["general", "random", "desk", "trading", "ops", "it-help", "finance", "hr", "legal",
            "sales", "rotterdam", "gent", "london", "dm", "team-risk", "borrel"]
DOCUMENTED_TEST_VALUES = ["4111 1111 1111 1111", "4242 4242 4242 4242", "5555 5555 5555 4444"]


def context(rng):
    source = rng.choice(SOURCES)
    prefix = {"slack": "C", "teams": "T", "whatsapp": "W", "mattermost": "M", "yammer": "Y"}[source]
    return {"source": source, "community": "%s-%s" % (prefix, rng.choice(CHANNELS)),
            "author": "U%04d" % rng.randint(1, 400)}


def post(lang, text, labels, tags):
    return {"lang": lang, "text": text, "labels": sorted(labels), "tags": sorted(set(tags))}


def positives(rng):
    out = []
    for lang, labels, mode, template in (pii.ENTRIES + secrets.ENTRIES + ip.ENTRIES
                                         + conduct.ENTRIES + compliance.ENTRIES):
        variants = {"-": [False], "o": [False, True], "O": [True]}[mode]
        for obfuscate in variants:
            text, disguised = common.render(rng, template, obfuscate)
            if obfuscate and not disguised:
                sys.exit("nothing to disguise in %r" % template)
            tags = (["obfuscated"] if disguised else []) + (["multi"] if len(labels) > 1 else [])
            out.append(post(lang, text, labels, tags))
    for lang, labels, template in secrets.CODE + ip.CODE:
        text, _ = common.render(rng, template)
        out.append(post(lang, text, labels, ["multi"] if len(labels) > 1 else []))
    return out


def hard_negatives(rng, wanted):
    first, again = [], []
    for lang, tags, template in negatives.ENTRIES:
        text, _ = common.render(rng, template, extra=negatives.SLOTS)
        first.append(post(lang, text, [], ["hard_negative", *tags]))
        if re.search(r"\{[a-z_0-9]+\}", template):  # a template with slots can give a second post
            text, _ = common.render(rng, template, extra=negatives.SLOTS)
            again.append(post(lang, text, [], ["hard_negative", *tags]))
    again = dedupe(again, {p["text"] for p in first})
    rng.shuffle(again)
    return (first + again)[:max(wanted, len(first))]


def _typo(rng, text):
    words = [m for m in re.finditer(r"[A-Za-z]{6,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randint(1, len(w) - 3)
    w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return text[:m.start()] + w + text[m.end():]


def _decorate(rng, lang, template):
    opener = rng.choice(clean.EN_OPEN if lang == "en" else clean.NL_OPEN)
    closer = rng.choice(clean.EN_CLOSE if lang == "en" else clean.NL_CLOSE)
    text, _ = common.render(rng, opener + template + closer)
    roll = rng.random()
    if roll < 0.12:
        text = text.lower()
    elif roll < 0.24:
        text = _typo(rng, text)
    return text


def clean_posts(rng, wanted):
    out = []
    for _ in range(2):
        for lang, template in clean.LONG:
            out.append(post(lang, common.render(rng, template)[0], [], ["clean"]))
    short = [("en", t) for t in clean.EN] + [("nl", t) for t in clean.NL] + clean.MIXED
    for _ in range(4):
        for lang, template in short:
            out.append(post(lang, _decorate(rng, lang, template), [], ["clean"]))
    out = dedupe(out)
    long_posts = [p for p in out if "\n" in p["text"]]
    rest = [p for p in out if "\n" not in p["text"]]
    rng.shuffle(rest)
    return (long_posts + rest)[:wanted]


def dedupe(posts, seen=None):
    seen = set(seen or ())
    out = []
    for p in posts:
        if p["text"] not in seen:
            seen.add(p["text"])
            out.append(p)
    return out


def check_post(p):
    """gen/guards.py on the post, with the documented test card numbers (hard negatives by the
    guide) blanked out first: the guard would otherwise take them for real card numbers."""
    text = p["text"]
    for value in DOCUMENTED_TEST_VALUES:
        text = text.replace(value, "#")
    guards.check({**p, "text": text})


def check_counts(posts):
    labels = collections.Counter(l for p in posts for l in p["labels"])
    obf = collections.Counter(l for p in posts if "obfuscated" in p["tags"] for l in p["labels"])
    errors = []
    for category in sorted(set(labels) | WEAK):
        need = MIN_POSTS_WEAK if category in WEAK else MIN_POSTS
        if labels[category] < need:
            errors.append("%s: %d posts, need %d" % (category, labels[category], need))
        if category not in NOT_DISGUISED and obf[category] * 4 < labels[category]:
            errors.append("%s: %d of %d obfuscated, need a quarter" % (
                category, obf[category], labels[category]))
        if category in NOT_DISGUISED and obf[category]:
            errors.append("%s: disguised token or code" % category)
    if len(labels) != 28:
        errors.append("%d categories, want 28" % len(labels))
    return errors


def build():
    rng = random.Random(SEED)
    pos = dedupe(positives(rng))
    total = round(len(pos) / (1 - SHARE_HARD - SHARE_CLEAN))
    hard = hard_negatives(rng, round(total * SHARE_HARD))
    cln = clean_posts(rng, total - len(pos) - len(hard))
    posts = dedupe(pos + hard + cln)
    rng.shuffle(posts)
    errors = []
    for p in posts:
        try:
            check_post(p)
        except guards.GuardError as e:
            errors.append(str(e))
    errors += check_counts(posts)
    if errors:
        sys.exit("blind set checks failed:\n" + "\n".join(errors))
    lines = []
    for i, p in enumerate(posts, 1):
        record = {"id": "b%04d" % i, "lang": p["lang"], "text": p["text"], "labels": p["labels"],
                  "tags": p["tags"], **context(rng)}
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def summary(text):
    posts = [json.loads(line) for line in text.splitlines()]
    labels = collections.Counter(l for p in posts for l in p["labels"])
    obf = collections.Counter(l for p in posts if "obfuscated" in p["tags"] for l in p["labels"])
    by_lang = collections.Counter((l, p["lang"]) for p in posts for l in p["labels"])
    tags = collections.Counter(t for p in posts for t in p["tags"])
    langs = collections.Counter(p["lang"] for p in posts)
    positive = sum(1 for p in posts if p["labels"])
    print("posts %d: positive %d (%.0f%%), hard negative %d (%.0f%%), clean %d (%.0f%%); %s" % (
        len(posts), positive, 100 * positive / len(posts), tags["hard_negative"],
        100 * tags["hard_negative"] / len(posts), tags["clean"], 100 * tags["clean"] / len(posts),
        dict(sorted(langs.items()))))
    print("tags: %s" % dict(sorted(tags.items())))
    print("| category | posts | obfuscated | en | nl |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, n in sorted(labels.items()):
        print("| `%s` | %d | %d | %d | %d |" % (label, n, obf[label], by_lang[(label, "en")],
                                               by_lang[(label, "nl")]))
    print("| all labels | %d | %d | %d | %d |" % (
        sum(labels.values()), sum(obf.values()),
        sum(v for (l, g), v in by_lang.items() if g == "en"),
        sum(v for (l, g), v in by_lang.items() if g == "nl")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, "blind.jsonl"))
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and fail if the committed file differs")
    parser.add_argument("--summary", action="store_true", help="print the counts")
    args = parser.parse_args()
    text = build()
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is out of date: run tests/quality/make_blind.py" % args.out)
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    if args.summary:
        summary(text)


if __name__ == "__main__":
    main()
