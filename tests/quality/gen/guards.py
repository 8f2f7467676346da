"""Consistency guards for the generator: a post must not contain, unlabelled, a value that is
unmistakably of a category (a Luhn-valid card, a valid IBAN, a codename, a token with a fixed
prefix...), and clean posts must not contain the words hard negatives are made of.

These catch slips in the hand-written templates; they are written from the labelling guide
and are no model of any detector. make_eval.py runs them on every post.
"""
import os
import re

from . import values as V

_HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(_HERE, "..", "codenames.txt"), encoding="utf-8") as _f:
    _CODENAMES = [line.strip() for line in _f if line.strip()]
_CODENAME_RE = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(re.escape(c) for c in _CODENAMES),
                          re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b\u200c\u2060]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9.-]+\.(?:nl|com|de|be|uk|me|bank|net|org|eu"
                    r"|io)\b", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:[ \-.\u00a0]?\d){12,18}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")
_NINE = re.compile(r"(?<![\d.])\d(?:[ .]?\d){8}(?![\d])")
_BSN_WORDS = re.compile(r"bsn|burgerservicenummer|sofi|citizen service number", re.IGNORECASE)
_NL_MOBILE = re.compile(r"(?:\+31|0031|\b0)6\d{8}\b")
_TOKENS = {
    "secret.aws_key": re.compile(r"AKIA(?!IOSFODNN7EXAMPLE)[A-Z2-7]{16}"),
    "secret.github_token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{40,}"),
    "secret.gitlab_token": re.compile(r"glpat-[\w-]{20}"),
    "secret.slack_token": re.compile(r"xox[bp]-\d"),
    "secret.stripe_key": re.compile(r"[sr]k_live_(?!x{10})[A-Za-z0-9]{24,}"),
    "secret.private_key": re.compile(r"BEGIN [A-Z ]*PRIVATE KEY"),
    "secret.jwt": re.compile(r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+"),
    "secret.gcp_key": re.compile(r"AIza[\w-]{35}"),
    "secret.azure_key": re.compile(r"AccountKey=[A-Za-z0-9+/]{86}=="),
}
# Words a clean post never holds: their look-alike uses belong in the hard negatives.
_CLEAN_FORBIDDEN = re.compile(
    r"\b(?:fuck\w*|shit\w*|kut\w*|klote\w*|godverdomme|tering|tyfus|kanker\w*|kill\w*|murder"
    r"|whatsapp|signal|telegram|confidential\w*|vertrouwelijk\w*|password\w*|wachtwoord\w*|bsn"
    r"|passport|paspoort|iban|token\w*|api[_ -]?key|secret|idiot|sukkel|voorkennis|insider"
    r"|take this offline|delete|verwijder\w*|embargo\w*|internal use)\b", re.IGNORECASE)


class GuardError(ValueError):
    pass


def _fail(post, why):
    raise GuardError("%s: %r" % (why, post["text"][:160]))


def check(post):
    text = _INVISIBLE.sub("", post["text"])
    labels = set(post["labels"])
    if "ip.codename" not in labels and _CODENAME_RE.search(text):
        _fail(post, "unlabelled codename")
    if "pii.email" not in labels and _EMAIL.search(text):
        _fail(post, "unlabelled e-mail address")
    if "pii.credit_card" not in labels:
        for run in _DIGIT_RUN.findall(text):
            digits = re.sub(r"\D", "", run)
            brand = any(digits.startswith(p) for _, ps, _ in V.CARD_BRANDS for p in ps)
            if brand and len(digits) in (15, 16) and V.luhn_valid(digits):
                _fail(post, "unlabelled card number")
    if "pii.iban" not in labels:
        for match in _IBAN.findall(text):
            compact = match.replace(" ", "")
            n = V.IBAN_LENGTHS.get(compact[:2])
            if n and len(compact) >= n and V.iban_valid(compact[:n]):
                _fail(post, "unlabelled IBAN")
    if "pii.nl_bsn" not in labels:
        for match in _NINE.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            window = text[max(0, match.start() - 40):match.end() + 40]
            if V.bsn_valid(digits) and _BSN_WORDS.search(window):
                _fail(post, "unlabelled BSN next to its keyword")
    if "pii.phone" not in labels and _NL_MOBILE.search(re.sub(r"[ \-()]", "", text)):
        _fail(post, "unlabelled Dutch mobile number")
    for category, pattern in _TOKENS.items():
        if category not in labels and pattern.search(text):
            _fail(post, "unlabelled " + category)
    if "clean" in post["tags"]:
        match = _CLEAN_FORBIDDEN.search(text)
        if match:
            _fail(post, "clean post holds %r" % match.group())
