"""Slot fillers and obfuscators shared by the templates.

A template is plain text with {slot} placeholders; render() replaces each occurrence with a
fresh value from FILLERS (or from the extra slots a category passes in). Fillers for clean
chatter never produce anything a labelling-guide category covers: no e-mail addresses, phone
numbers, 9-digit numbers, codenames or card-length digit runs.
"""
import re

NAMES = ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Jeroen", "Anouk", "Pieter", "Mila", "Ruben",
         "Eva", "Thijs", "Noor", "Joris", "Femke", "Sven", "Priya", "Tom", "Kate", "Raj",
         "Olivia", "James", "Hannah", "Mohammed", "Yusuf", "Ayla", "Lucas", "Emma", "Niels",
         "Ingrid", "Marco", "Sophie", "Kevin", "Wouter", "Maaike", "Chen", "Ahmed", "Zoë",
         "Stijn", "Iris", "Gijs", "Bas", "Laura", "Dennis", "Esther", "Mark", "Annemiek"]
SURNAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
            "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "Verhoeven",
            "Janssens", "Maes", "Peeters", "Schmidt", "Müller", "Okafor", "Patel", "Walsh",
            "Nguyen", "El Amrani", "Yilmaz", "Kowalski", "Rossi", "García"]
MAIL_DOMAINS = ["oosterdok.nl", "oosterdok-capital.com", "veldhuis-advocaten.nl",
                "hoogvliet-retail.nl", "nordwind-energie.de", "tessel.bank", "greenfieldfoods.co.uk",
                "bakkertransport.be", "kpn.com", "gmail.com", "outlook.com", "hotmail.nl",
                "proton.me", "icloud.com", "ziggo.nl", "telenet.be", "web.de", "yahoo.co.uk"]
TEAMS = ["platform", "data", "sales", "finance", "HR", "legal", "ops", "support", "design",
         "mobile", "payments", "infra", "risk", "treasury", "marketing", "facilities"]
CLIENTS = ["Hoogvliet Retail", "Nordwind Energie", "Bakker Transport", "Greenfield Foods",
           "Tessel Bank", "Van Lent Bouw", "Meridian Health", "Zuidas Vastgoed", "Kroon Media",
           "Alderman Insurance", "De Hooge Akker", "Lumen Pharma", "Brouwer & Zn",
           "Castellan Shipping", "Polaris Telecom", "Haverkamp Zorg"]
CITIES = ["Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Den Haag", "Groningen", "Gent",
          "Antwerpen", "London", "Berlin", "Brussel", "Zwolle", "Leiden", "Arnhem", "Breda"]
FOODS = ["pizza", "sushi", "poke bowls", "broodjes", "kroketten", "pad thai", "bitterballen",
         "falafel", "burritos", "tosti's", "ramen", "pannenkoeken", "soep", "salades"]
REPOS = ["billing-api", "web-frontend", "ledger-service", "ingest-worker", "mobile-app",
         "reporting", "auth-gateway", "search-indexer", "infra-terraform", "design-system"]
SERVICES = ["checkout service", "invoice export", "search index", "login page", "nightly batch",
            "CRM sync", "dashboard", "payroll run", "data warehouse load", "mobile push"]
ROOMS = ["Amstel", "IJ-zaal", "room 3.14", "the big room on 2", "Maas", "Rijn", "kantine",
         "the glass box", "vergaderzaal 4B", "Waal"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "tomorrow", "next week"]
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "morgen", "volgende week"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]
EMOJI = ["🙂", "👍", "🙏", "😅", "🎉", "🔥", "👀", "✅", "😂", "🤞", "☕", "🚀", "😬", "💪"]
QUARTERS = ["Q1", "Q2", "Q3", "Q4"]


def _amount(rng):
    style = rng.randrange(5)
    if style == 0:
        return "€%d" % rng.choice([45, 120, 250, 380, 1200, 4500, 12500, 86000])
    if style == 1:
        return "EUR %d.%03d,%02d" % (rng.randint(1, 99), rng.randint(0, 999), rng.randint(0, 99))
    if style == 2:
        return "€ %d,-" % rng.randint(20, 9000)
    if style == 3:
        return "$%d.%02d" % (rng.randint(10, 9999), rng.randint(0, 99))
    return "€%dk" % rng.randint(2, 900)


def _date(rng):
    style = rng.randrange(4)
    if style == 0:
        return "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
    if style == 1:
        return "%d %s" % (rng.randint(1, 28), rng.choice(MONTHS_EN))
    if style == 2:
        return "%d/%d" % (rng.randint(1, 28), rng.randint(1, 12))
    return "%d %s" % (rng.randint(1, 28), rng.choice(MONTHS_NL))


def _time(rng):
    return rng.choice(["%d:%02d" % (rng.randint(8, 17), rng.choice([0, 15, 30, 45])),
                       "%du" % rng.randint(9, 17), "half %d" % rng.randint(2, 5),
                       "%d.%02d" % (rng.randint(8, 17), rng.choice([0, 30]))])


def _version(rng):
    return rng.choice(["v%d.%d.%d" % (rng.randint(1, 5), rng.randint(0, 30), rng.randint(0, 20)),
                       "%d.%d.%d-rc%d" % (rng.randint(1, 5), rng.randint(0, 30), rng.randint(0, 9),
                                          rng.randint(1, 4)),
                       "%d.%d" % (rng.randint(1, 12), rng.randint(0, 40))])


def _ticket(rng):
    return "%s-%d" % (rng.choice(["PLAT", "OPS", "FIN", "HR", "DATA", "WEB", "SEC", "SUP", "INC"]),
                      rng.randint(12, 9999))


def _order(rng):
    return rng.choice(["ORD-%d" % rng.randint(10000, 99999), "#%d" % rng.randint(1000, 99999),
                       "PO-2024-%04d" % rng.randint(1, 9999), "SO%d" % rng.randint(100000, 999999)])


def _meet(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    code = "-".join("".join(rng.choice(letters) for _ in range(n)) for n in (3, 4, 3))
    return rng.choice(["https://meet.google.com/" + code,
                       "https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%s" % code.replace(
                           "-", ""),
                       "https://oosterdok.zoom.us/j/%d" % rng.randint(10000000, 99999999)])


def _pct(rng):
    return rng.choice(["%d%%" % rng.randint(2, 95), "%d,%d%%" % (rng.randint(1, 40), rng.randint(1, 9)),
                       "%d.%d%%" % (rng.randint(1, 40), rng.randint(1, 9))])


FILLERS = {
    "name": lambda r: r.choice(NAMES),
    "name2": lambda r: r.choice(NAMES),
    "fullname": lambda r: "%s %s" % (r.choice(NAMES), r.choice(SURNAMES)),
    "team": lambda r: r.choice(TEAMS),
    "client": lambda r: r.choice(CLIENTS),
    "city": lambda r: r.choice(CITIES),
    "food": lambda r: r.choice(FOODS),
    "repo": lambda r: r.choice(REPOS),
    "service": lambda r: r.choice(SERVICES),
    "room": lambda r: r.choice(ROOMS),
    "day": lambda r: r.choice(DAYS_EN),
    "dag": lambda r: r.choice(DAYS_NL),
    "month": lambda r: r.choice(MONTHS_EN),
    "maand": lambda r: r.choice(MONTHS_NL),
    "emoji": lambda r: r.choice(EMOJI),
    "q": lambda r: r.choice(QUARTERS),
    "amount": _amount,
    "date": _date,
    "time": _time,
    "version": _version,
    "ticket": _ticket,
    "order": _order,
    "meet": _meet,
    "pct": _pct,
    "n": lambda r: str(r.randint(2, 40)),
    "big": lambda r: str(r.randint(100, 9000)),
    "pr": lambda r: "#%d" % r.randint(100, 4999),
}

_SLOT = re.compile(r"\{([a-z_0-9]+)\}")


def render(rng, template, extra=None):
    """Fills every {slot}; `extra` maps slot names to callables taking rng (or to strings)."""
    def one(match):
        key = match.group(1)
        if extra and key in extra:
            value = extra[key]
            return value(rng) if callable(value) else value
        if key not in FILLERS:
            raise KeyError("unknown slot {%s} in %r" % (key, template))
        return FILLERS[key](rng)
    text = _SLOT.sub(one, template)
    return re.sub(r"[ \t]+(?=\n|$)", "", text).strip()


# ---------------------------------------------------------------- obfuscators

FULLWIDTH = {c: chr(0xFF10 + int(c)) for c in "0123456789"}
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "A": "А",
            "E": "Е", "O": "О", "P": "Р", "C": "С", "T": "Т", "H": "Н", "K": "К", "M": "М",
            "B": "В", "i": "і", "I": "І", "S": "Ѕ", "s": "ѕ"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "A": "4", "E": "3",
        "I": "1", "O": "0", "S": "5"}
ZWSP = "\u200b"
ZWNJ = "\u200c"
NBSP = "\u00a0"


def fullwidth_digits(s):
    return "".join(FULLWIDTH.get(c, c) for c in s)


def space_every_char(s, sep=" "):
    return sep.join(c for c in s if c != " ")


def cyrillic(rng, word):
    idx = [i for i, c in enumerate(word) if c in CYRILLIC]
    if not idx:
        return word
    chosen = set(rng.sample(idx, max(1, min(len(idx), rng.randint(1, 2)))))
    return "".join(CYRILLIC[c] if i in chosen else c for i, c in enumerate(word))


def leet(rng, word):
    idx = [i for i, c in enumerate(word) if c in LEET]
    if not idx:
        return word
    chosen = set(rng.sample(idx, max(1, min(len(idx), rng.randint(1, 3)))))
    return "".join(LEET[c] if i in chosen else c for i, c in enumerate(word))


def zero_width(rng, word):
    if len(word) < 3:
        return word
    at = rng.randint(1, len(word) - 1)
    return word[:at] + rng.choice([ZWSP, ZWNJ, "\u2060"]) + word[at:]


def spaced_letters(rng, word):
    return " ".join(word)


def dashed_letters(rng, word):
    return rng.choice(["-", ".", "_", "*"]).join(word)


def case_mix(rng, word):
    out = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)
    return out if out not in (word, word.lower(), word.upper()) else out.swapcase()


WORD_OBFUSCATORS = [cyrillic, leet, zero_width, spaced_letters, dashed_letters, case_mix]

_MARKED = re.compile(r"\[\[(.+?)\]\]")


def apply_marks(rng, text, obfuscate):
    """[[word]] marks a word an obfuscated variant disguises; plain variants drop the marks."""
    if not obfuscate:
        return _MARKED.sub(lambda m: m.group(1), text)
    return _MARKED.sub(lambda m: rng.choice(WORD_OBFUSCATORS)(rng, m.group(1)), text)


def has_marks(text):
    return bool(_MARKED.search(text))
