#!/usr/bin/env python3
"""Writes tests/quality/eval.jsonl, the labelled evaluation set (see README.md).

Deterministic: the same seed and templates give the same file byte for byte.
Usage: python3 tests/quality/make_eval.py [--out tests/quality/eval.jsonl] [--check]
  --check  regenerate in memory and fail if the committed file differs
"""
import argparse
import collections
import json
import math
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen import clean, fill, guards, negatives, pii, secrets, textcats  # noqa: E402

SEED = 20240611
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["slack"] * 6 + ["teams"] * 3 + ["whatsapp", "mattermost", "yammer"]
SHARE_CLEAN, SHARE_HARD, SHARE_POSITIVE = 0.65, 0.15, 0.20


def context(rng):
    source = rng.choice(SOURCES)
    prefix = {"slack": "C", "teams": "T", "whatsapp": "W", "mattermost": "M", "yammer": "Y"}[source]
    community = "%s-%s" % (prefix, rng.choice(["general", "random", "dev", "deploys", "sales",
                                               "finance", "hr", "trading", "desk", "support",
                                               "product", "amsterdam", "gent", "dm"]))
    return {"source": source, "community": community, "author": "U%04d" % rng.randint(1, 400)}


def render_entry(rng, entry, slots, obfuscate=False):
    lang, labels, template = entry[:3]
    tags = list(entry[3]) if len(entry) > 3 else []
    plain = fill.apply_marks(rng, template, False)
    text = plain
    if obfuscate:
        for _ in range(20):
            text = fill.apply_marks(rng, template, True)
            if text != plain:
                break
        tags.append("obfuscated")
    if re.search(r"\{[a-z_0-9]*_obf\}", template):
        tags.append("obfuscated")
    text = fill.render(rng, text, slots)
    if len(labels) > 1:
        tags.append("multi")
    return {"lang": lang, "text": text, "labels": sorted(labels), "tags": sorted(set(tags))}


def positives(rng):
    slots = {**pii.SLOTS, **secrets.SLOTS, **textcats.SLOTS}
    out = []
    for entry in pii.ENTRIES + secrets.ENTRIES + textcats.ENTRIES:
        if fill.has_marks(entry[2]):
            out.append(render_entry(rng, entry, slots, obfuscate=False))
            out.append(render_entry(rng, entry, slots, obfuscate=True))
        else:
            out.append(render_entry(rng, entry, slots))
    return out


def hard_negatives(rng, wanted):
    out = []
    for round_ in range(4):
        for lang, tags, template in negatives.ENTRIES:
            if round_ > 0 and not re.search(r"\{[a-z_0-9]+\}", template):
                continue  # a template without slots renders the same text every time
            out.append({"lang": lang, "text": fill.render(rng, template, negatives.SLOTS),
                        "labels": [], "tags": sorted(tags)})
    out = dedupe(out)
    first = out[:len(negatives.ENTRIES)]  # every template at least once
    rest = out[len(negatives.ENTRIES):]
    rng.shuffle(rest)
    return (first + rest)[:max(wanted, len(first))]


def clean_posts(rng, wanted):
    templates = [("en", t) for t in clean.EN] + [("nl", t) for t in clean.NL]
    out = [{"lang": lang, "text": fill.render(rng, t), "labels": [], "tags": ["clean"]}
           for lang, t in clean.LONG for _ in range(3)]
    rounds = math.ceil(wanted / len(templates)) + 2
    for _ in range(rounds):
        for lang, template in templates:
            out.append({"lang": lang, "text": fill.render(rng, template), "labels": [],
                        "tags": ["clean"]})
    out = dedupe(out)
    long_posts = [p for p in out if "\n" in p["text"]]
    short = [p for p in out if "\n" not in p["text"]]
    rng.shuffle(short)
    return (long_posts + short)[:wanted]


def dedupe(posts):
    seen, out = set(), []
    for post in posts:
        if post["text"] not in seen:
            seen.add(post["text"])
            out.append(post)
    return out


def build():
    rng = random.Random(SEED)
    pos = dedupe(positives(rng))
    total = round(len(pos) / SHARE_POSITIVE)
    hard = hard_negatives(rng, round(total * SHARE_HARD))
    cln = clean_posts(rng, total - len(pos) - len(hard))
    posts = dedupe(pos + hard + cln)
    rng.shuffle(posts)
    errors = []
    for post in posts:
        try:
            guards.check(post)
        except guards.GuardError as e:
            errors.append(str(e))
    if errors:
        sys.exit("guards failed:\n" + "\n".join(errors))
    lines = []
    for i, post in enumerate(posts, 1):
        record = {"id": "q%04d" % i, "lang": post["lang"], "text": post["text"],
                  "labels": post["labels"], "tags": post["tags"], **context(rng)}
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def summary(text):
    posts = [json.loads(line) for line in text.splitlines()]
    labels = collections.Counter(l for p in posts for l in p["labels"])
    obf = collections.Counter(l for p in posts if "obfuscated" in p["tags"] for l in p["labels"])
    tags = collections.Counter(t for p in posts for t in p["tags"])
    langs = collections.Counter(p["lang"] for p in posts)
    positive = sum(1 for p in posts if p["labels"])
    print("posts %d (positive %d = %.0f%%), languages %s" % (
        len(posts), positive, 100 * positive / len(posts), dict(langs)))
    print("tags: %s" % dict(sorted(tags.items())))
    for label, n in sorted(labels.items()):
        print("  %-28s %4d  obfuscated %3d" % (label, n, obf[label]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, "eval.jsonl"))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args()
    text = build()
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is out of date: run tests/quality/make_eval.py" % args.out)
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    if args.summary:
        summary(text)


if __name__ == "__main__":
    main()
