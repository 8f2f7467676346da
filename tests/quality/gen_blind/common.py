"""Slots, value formats, obfuscators and the template mini-language of the blind set.

Check-digit values come from gen/values.py and the word disguises from gen/fill.py; the
names, clients, streets and formats below are this set's own. A template is a string with
{slot} placeholders ({{ and }} stand for literal braces) and [[word]] marks on the words an
obfuscated variant disguises. In an obfuscated rendering every slot that has a `<slot>_obf`
twin takes the twin, and every mark is disguised.
"""
import re
import string

from gen import fill as F
from gen import values as V

# ---------------------------------------------------------------- people, places, things

NAMES = ["Merel", "Koen", "Jasper", "Roos", "Floor", "Tim", "Lieke", "Hugo", "Julia", "Sem",
         "Ilse", "Vincent", "Fatima", "Karim", "Oksana", "Dirk", "Marieke", "Tobias", "Rachel",
         "Owen", "Siobhan", "Arjun", "Wei", "Lars", "Elif", "Hamza", "Nina", "Gert-Jan", "Bart",
         "Hester", "Rik", "Yara", "Jelle", "Sarah", "Ben", "Charlotte", "Guus", "Mees", "Noah",
         "Tessa", "Luuk", "Amira", "Maarten", "Greg", "Aoife", "Pim", "Dewi", "Olaf"]
SURNAMES = ["van den Berg", "Kuipers", "de Graaf", "Vermeulen", "Huisman", "Koster", "Prins",
            "Postma", "Willems", "Claes", "Wouters", "Dubois", "Becker", "Wagner", "Kaya",
            "Haddad", "O'Brien", "Fletcher", "Singh", "Kovacs", "Nowak", "Ferreira", "Bianchi",
            "Lindqvist", "Timmermans", "van Leeuwen", "Zijlstra", "Bosman", "Evers", "Brink"]
CLIENTS = ["Havenmeester Logistiek", "Brinkhorst Pensioen", "Valkenier Foods", "Kestrel Pharma",
           "Oranjewoud Energie", "Lindeboom Media", "Noordkaap Shipping", "Beemster Holdings",
           "Zeeland Wind", "Hartwig Chemie", "Aurelia Telecom", "Gouwe Vastgoed", "Dalmeijer Bouw",
           "Fairhaven Insurance", "Rietveld Agri", "Vonk Retail", "Sterling & Marsh",
           "Achterberg Zorg", "Medway Industrial", "Terpstra Dairy"]
CITIES = ["Amsterdam", "Haarlem", "Utrecht", "Rotterdam", "Delft", "Nijmegen", "Maastricht",
          "Gent", "Leuven", "Antwerpen", "Brussel", "Londen", "London", "Frankfurt", "Düsseldorf",
          "Amersfoort", "Hilversum", "Zaandam", "Alkmaar", "Tilburg"]
TEAMS = ["desk", "ops", "compliance", "risk", "IT", "HR", "finance", "legal", "research",
         "sales", "data", "backoffice", "treasury", "facilities", "the quant team"]
REPOS = ["pricing-engine", "tradebook", "client-portal", "recon-jobs", "risk-dashboards",
         "etl-nightly", "fix-gateway", "docs-site", "hr-forms", "marketdata-cache"]
SERVICES = ["the recon job", "the pricing feed", "the client portal", "the VPN", "Outlook",
            "the Bloomberg feed", "Jira", "the expense tool", "SharePoint", "the risk report",
            "de printer op 3", "het urenportaal", "de koffieautomaat", "AFAS"]
ROOMS = ["Prinsengracht", "Het Kraaiennest", "room 4.02", "de serre", "Oosterdok 1",
         "the library", "de kelder", "Boardroom", "Zolder", "Havenzicht"]
FOODS = ["Indonesian", "poke", "broodjes kaas", "shoarma", "Thai", "frietjes", "dumplings",
         "lasagne", "stamppot", "bagels", "Vietnamese", "tapas"]
NL_CITIES = ["Amsterdam", "Haarlem", "Utrecht", "Rotterdam", "Delft", "Nijmegen", "Maastricht",
             "Amersfoort", "Hilversum", "Zaandam", "Alkmaar", "Tilburg", "Zwolle", "Leiden",
             "Groningen", "Breda", "Den Haag", "Eindhoven", "Arnhem", "Purmerend"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "tmrw", "tomorrow",
           "next Tuesday", "end of week", "Monday morning"]
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "morgen", "overmorgen",
           "volgende week", "maandagochtend", "vrijdagmiddag"]
EMOJI = ["🙂", "👍", "🙏", "😅", "🎉", "🔥", "👀", "✅", "😂", "🤞", "☕", "🥲", "🙃", "💯",
         "🍕", "😴", "🤔", "👌", "🥳", "🌧️", "☀️", "🚲"]
APPS = ["Excel", "Outlook", "Jira", "Confluence", "PowerPoint", "Bloomberg", "Teams", "Zoom",
        "SharePoint", "Workday", "Power BI", "Tableau"]
STREETS = ["Prinsengracht", "Kanaalstraat", "Overtoom", "Van Woustraat", "Lange Viestraat",
           "Stationsweg", "Kerkstraat", "Hoofdweg", "Dorpsstraat", "Molenweg", "Bilderdijkkade",
           "Oudegracht", "Witte de Withstraat", "Vondellaan", "Laan van Meerdervoort",
           "Burgemeester Roellstraat", "Zeeburgerdijk", "Nieuwe Binnenweg", "Javastraat",
           "Amsterdamsestraatweg"]
MAIL_DOMAINS = ["oosterdok.nl", "oosterdok-capital.com", "havenmeester.nl", "brinkhorst-pensioen.nl",
                "kestrelpharma.co.uk", "valkenier.be", "hartwig-chemie.de", "gmail.com",
                "outlook.com", "hotmail.com", "icloud.com", "proton.me", "ziggo.nl", "kpnmail.nl",
                "telenet.be", "gmx.de", "btinternet.com"]
ROLE_BOXES = ["info", "support", "noreply", "facturen", "invoices", "hr", "servicedesk",
              "compliance", "reception", "no-reply"]


def _month_year(rng):
    return "%02d/%02d" % (rng.randint(1, 12), rng.randint(25, 31))


def _date(rng):
    s = rng.randrange(4)
    if s == 0:
        return "%d-%02d-%02d" % (rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
    if s == 1:
        return "%d %s" % (rng.randint(1, 28), rng.choice(F.MONTHS_EN))
    if s == 2:
        return "%d %s" % (rng.randint(1, 28), rng.choice(F.MONTHS_NL))
    return "%d/%d" % (rng.randint(1, 28), rng.randint(1, 12))


def _time(rng):
    return rng.choice(["%d:%02d" % (rng.randint(8, 18), rng.choice([0, 15, 30, 45])),
                       "%d uur" % rng.randint(9, 17), "%dpm" % rng.randint(1, 5),
                       "%dam" % rng.randint(8, 11), "half %d" % rng.randint(2, 6)])


def _amount(rng):
    s = rng.randrange(5)
    if s == 0:
        return "€%s" % rng.choice(["85", "240", "1.150", "3.400", "18k", "75k", "2,4m", "310k"])
    if s == 1:
        return "EUR %d.%03d" % (rng.randint(2, 950), rng.randint(0, 999))
    if s == 2:
        return "£%d" % rng.randint(40, 9000)
    if s == 3:
        return "€ %d,%02d" % (rng.randint(10, 999), rng.randint(0, 99))
    return "%dk" % rng.randint(5, 750)


def _ticket(rng):
    return "%s-%d" % (rng.choice(["ODK", "DESK", "RISK", "ITSD", "HRQ", "FINOPS", "CP"]),
                      rng.randint(10, 4999))


def _version(rng):
    return rng.choice(["v%d.%d" % (rng.randint(1, 9), rng.randint(0, 20)),
                       "%d.%d.%d" % (rng.randint(1, 6), rng.randint(0, 14), rng.randint(0, 30)),
                       "release %d.%d" % (rng.randint(20, 26), rng.randint(1, 12))])


FILLERS = {
    "name": lambda r: r.choice(NAMES),
    "name2": lambda r: r.choice(NAMES),
    "fullname": lambda r: "%s %s" % (r.choice(NAMES), r.choice(SURNAMES)),
    "client": lambda r: r.choice(CLIENTS),
    "client2": lambda r: r.choice(CLIENTS),
    "city": lambda r: r.choice(CITIES),
    "team": lambda r: r.choice(TEAMS),
    "repo": lambda r: r.choice(REPOS),
    "service": lambda r: r.choice(SERVICES),
    "room": lambda r: r.choice(ROOMS),
    "food": lambda r: r.choice(FOODS),
    "day": lambda r: r.choice(DAYS_EN),
    "dag": lambda r: r.choice(DAYS_NL),
    "month": lambda r: r.choice(F.MONTHS_EN),
    "maand": lambda r: r.choice(F.MONTHS_NL),
    "emoji": lambda r: r.choice(EMOJI),
    "app": lambda r: r.choice(APPS),
    "q": lambda r: r.choice(["Q1", "Q2", "Q3", "Q4", "H1", "H2"]),
    "year": lambda r: r.choice(["2024", "2025", "FY25", "'25"]),
    "date": _date,
    "time": _time,
    "amount": _amount,
    "ticket": _ticket,
    "version": _version,
    "pct": lambda r: r.choice(["%d%%" % r.randint(2, 60), "%d,%d%%" % (r.randint(1, 30), r.randint(1, 9))]),
    "n": lambda r: str(r.randint(2, 12)),
    "big": lambda r: str(r.randint(40, 900)),
    "pr": lambda r: "#%d" % r.randint(210, 3999),
    "hnr": lambda r: rng_house(r),
    "nlcity": lambda r: r.choice(NL_CITIES),
}


def rng_house(r):
    n = str(r.randint(1, 380))
    return n + r.choice(["", "", "", "-2", "A", " hs", "-III", "B"])


# ---------------------------------------------------------------- disguises for values

ZW = ["\u200b", "\u200c", "\u2060"]
NBSP = "\u00a0"


def fullwidth(s):
    return F.fullwidth_digits(s)


def disguise_digits(rng, compact, groups):
    """A digit value (possibly with letters or a leading +) written in one of the disguised
    forms the guide lists: spaced, dotted, NBSP- or zero-width-separated, full-width digits."""
    parts, i = [], 0
    for g in groups:
        parts.append(compact[i:i + g])
        i += g
    if i < len(compact):
        parts.append(compact[i:])
    parts = [p for p in parts if p]
    style = rng.randrange(5)
    if style == 0:
        return " ".join(compact)
    if style == 1:
        return ".".join(parts)
    if style == 2:
        return NBSP.join(parts)
    if style == 3:
        z = rng.choice(ZW)
        return z.join(compact)
    return " ".join(fullwidth(p) for p in parts)


# ---------------------------------------------------------------- cards


def _card_plain(rng, number):
    style = rng.randrange(4)
    if style == 0:
        return V.group_card(number, " ")
    if style == 1:
        return V.group_card(number, "-")
    if style == 2:
        return number
    return V.group_card(number, " ")


def _card_obf(rng):
    number = V.card(rng)
    groups = [4, 6, 5] if len(number) == 15 else [4, 4, 4, 4]
    return disguise_digits(rng, number, groups)


# ---------------------------------------------------------------- IBAN

_IBAN_COUNTRIES = ["NL"] * 6 + ["BE", "BE", "DE", "DE", "GB", "FR", "LU", "ES"]


def _iban_plain(rng, country=None):
    value = V.iban(rng, country or rng.choice(_IBAN_COUNTRIES))
    return V.group4(value) if rng.random() < 0.6 else value


def _iban_obf(rng):
    value = V.iban(rng, rng.choice(_IBAN_COUNTRIES))
    style = rng.randrange(5)
    if style == 0:
        return V.group4(value).lower()
    if style == 1:
        return value.lower()
    if style == 2:
        return V.group4(value, NBSP)
    if style == 3:
        return " ".join(value)
    return V.group4(value, rng.choice(ZW))


# ---------------------------------------------------------------- e-mail


def _local(rng):
    first = rng.choice(NAMES).lower().replace("-", "")
    last = rng.choice(SURNAMES).lower().replace(" ", "").replace("'", "")
    return rng.choice(["%s.%s" % (first, last), "%s%s" % (first[0], last), first,
                       "%s_%s" % (first, last[:4]), "%s.%s%d" % (first, last, rng.randint(1, 99))])


def _email(rng):
    return "%s@%s" % (_local(rng), rng.choice(MAIL_DOMAINS))


def _work_email(rng):
    return "%s@%s" % (_local(rng), rng.choice(MAIL_DOMAINS[:7]))


def _private_email(rng):
    return "%s@%s" % (_local(rng), rng.choice(MAIL_DOMAINS[7:]))


def _role_email(rng):
    return "%s@%s" % (rng.choice(ROLE_BOXES), rng.choice(MAIL_DOMAINS[:7]))


def _email_obf(rng):
    local, domain = _local(rng), rng.choice(MAIL_DOMAINS)
    style = rng.randrange(4)
    if style == 0:
        return local + "＠" + domain
    if style == 1:
        at = rng.randint(1, len(local) - 1)
        return local[:at] + rng.choice(ZW) + local[at:] + "@" + domain
    if style == 2:
        return F.case_mix(rng, local) + "@" + domain.upper()
    return F.cyrillic(rng, local) + "@" + domain


def _sa_email(rng):
    return "%s@%s.iam.gserviceaccount.com" % (
        rng.choice(["svc-export", "bq-loader", "reporting-sa", "etl-runner", "drive-sync"]),
        rng.choice(["odk-reporting", "oosterdok-data-prod", "odk-risk-412", "odk-analytics"]))


# ---------------------------------------------------------------- phones


def _nl_mobile_compact(rng):
    return "06" + V.digits(rng, 8)


def _nl_mob(rng):
    n = _nl_mobile_compact(rng)
    rest = n[2:]
    return rng.choice([
        "06-" + rest, "06 " + rest[:4] + " " + rest[4:], "06 %s %s %s %s" % (
            rest[:2], rest[2:4], rest[4:6], rest[6:]),
        "+31 6 " + rest[:4] + " " + rest[4:], "+316" + rest, "0031 6 " + rest,
        "+31 (0)6 " + rest, n])


_NL_AREAS = ["20", "10", "30", "70", "40", "50", "24", "26", "71", "76", "23", "35", "43", "13"]


def _nl_land(rng):
    area = rng.choice(_NL_AREAS)
    sub = V.digits(rng, 9 - len(area), True)
    if sub[0] in "0":
        sub = "5" + sub[1:]
    return rng.choice(["0%s %s %s" % (area, sub[:3], sub[3:]), "0%s-%s" % (area, sub),
                       "+31 %s %s %s" % (area, sub[:3], sub[3:]), "0%s %s" % (area, sub)])


def _be_phone(rng):
    if rng.random() < 0.5:
        rest = V.digits(rng, 6)
        pre = rng.choice(["470", "471", "472", "475", "476", "477", "478", "479", "484", "486",
                          "490", "494", "497"])
        return rng.choice(["0%s %s %s %s" % (pre, rest[:2], rest[2:4], rest[4:]),
                           "+32 %s %s %s %s" % (pre, rest[:2], rest[2:4], rest[4:]),
                           "0%s/%s.%s.%s" % (pre, rest[:2], rest[2:4], rest[4:])])
    area = rng.choice(["9", "2", "3", "16", "50"])
    sub = V.digits(rng, 8 - len(area), True)
    return rng.choice(["0%s %s %s %s" % (area, sub[:-4], sub[-4:-2], sub[-2:]),
                       "+32 %s %s %s %s" % (area, sub[:-4], sub[-4:-2], sub[-2:])])


def _de_phone(rng):
    if rng.random() < 0.5:
        pre = rng.choice(["151", "152", "160", "162", "170", "171", "172", "176", "179"])
        rest = V.digits(rng, rng.choice([7, 8]), True)
        return rng.choice(["0%s %s" % (pre, rest), "+49 %s %s" % (pre, rest),
                           "+49 (0)%s %s %s" % (pre, rest[:4], rest[4:])])
    area = rng.choice(["30", "40", "69", "89", "211", "221"])
    rest = V.digits(rng, 11 - len(area) - 1, True)
    return rng.choice(["0%s %s" % (area, rest), "+49 %s %s" % (area, rest),
                       "0%s-%s" % (area, rest)])


def _uk_phone(rng):
    if rng.random() < 0.5:
        rest = rng.choice(["7", "8", "9", "4", "5"]) + V.digits(rng, 8)
        return rng.choice(["07%s %s" % (rest[:3], rest[3:]), "+44 7%s %s" % (rest[:3], rest[3:]),
                           "+44 (0)7%s %s" % (rest[:3], rest[3:])])
    if rng.random() < 0.5:
        sub = rng.choice(["7", "3", "8"]) + V.digits(rng, 7)
        return rng.choice(["020 %s %s" % (sub[:4], sub[4:]), "+44 20 %s %s" % (sub[:4], sub[4:])])
    area = rng.choice(["161", "131", "113", "117", "121"])
    sub = V.digits(rng, 7, True)
    return rng.choice(["0%s %s %s" % (area, sub[:3], sub[3:]), "+44 %s %s %s" % (area, sub[:3], sub[3:])])


def _phone(rng):
    return rng.choice([_nl_mob, _nl_mob, _nl_land, _be_phone, _de_phone, _uk_phone])(rng)


def _phone_obf(rng):
    kind = rng.randrange(4)
    if kind == 0:
        compact = _nl_mobile_compact(rng)
        return disguise_digits(rng, compact, [2, 4, 4])
    if kind == 1:
        compact = "+316" + V.digits(rng, 8)
        return disguise_digits(rng, compact, [3, 1, 4, 4])
    if kind == 2:
        compact = "+32" + rng.choice(["470", "477", "486", "496"]) + V.digits(rng, 6)
        return disguise_digits(rng, compact, [3, 3, 2, 2, 2])
    compact = "0" + rng.choice(["20", "30", "10"]) + V.digits(rng, 7, True)
    return disguise_digits(rng, compact, [3, 3, 4])


def _be_obf(rng):
    compact = "04" + rng.choice(["70", "77", "86", "96"]) + V.digits(rng, 6)
    return disguise_digits(rng, compact, [4, 2, 2, 2])


def _de_obf(rng):
    compact = "+49" + rng.choice(["151", "170", "176"]) + V.digits(rng, 8, True)
    return disguise_digits(rng, compact, [3, 3, 4, 4])


def _nl_mob_obf(rng):
    return disguise_digits(rng, _nl_mobile_compact(rng), [2, 2, 2, 2, 2])


def _nl_land_obf(rng):
    compact = "0" + rng.choice(_NL_AREAS) + V.digits(rng, 7, True)
    return disguise_digits(rng, compact, [3, 3, 2, 2])


# ---------------------------------------------------------------- national ids, BSN, documents


def _rrn_obf(rng):
    v = V.belgian_rrn(rng)
    digits = re.sub(r"\D", "", v)
    return disguise_digits(rng, digits, [2, 2, 2, 3, 2])


def _steuer(rng):
    v = V.german_tax_id(rng)
    return v if rng.random() < 0.6 else "%s %s %s %s" % (v[:2], v[2:5], v[5:8], v[8:])


def _steuer_obf(rng):
    return disguise_digits(rng, V.german_tax_id(rng), [2, 3, 3, 3])


def _dni_obf(rng):
    v = V.spanish_dni(rng)
    return rng.choice([" ".join(v), fullwidth(v[:-1]) + v[-1], v[:-1] + "-" + v[-1].lower(),
                       rng.choice(ZW).join(v)])


def _nie_obf(rng):
    v = V.spanish_nie(rng)
    return rng.choice([" ".join(v), v[0] + fullwidth(v[1:-1]) + v[-1], v.lower()])


def _cf_obf(rng):
    v = V.codice_fiscale(rng)
    return rng.choice([v.lower(), " ".join(v), "%s %s %s %s" % (v[:3], v[3:6], v[6:11], v[11:]),
                       F.case_mix(rng, v)])


def _nir_obf(rng):
    v = V.french_nir(rng)
    compact = v.replace(" ", "")
    return rng.choice([fullwidth(v), ".".join(v.split(" ")), rng.choice(ZW).join(compact),
                       NBSP.join(v.split(" "))])


def _pesel_obf(rng):
    return disguise_digits(rng, V.pesel(rng), [2, 2, 2, 5])


def _bsn(rng):
    v = V.bsn(rng)
    return v if rng.random() < 0.7 else "%s.%s.%s" % (v[:3], v[3:6], v[6:])


def _bsn_obf(rng):
    v = V.bsn(rng)
    return rng.choice([" ".join(v), fullwidth(v), rng.choice(ZW).join(v), NBSP.join([v[:3], v[3:6], v[6:]]),
                       "-".join(v)])


def _doc_obf(rng):
    v = V.nl_document_number(rng)
    return rng.choice([" ".join(v), v.lower(), rng.choice(ZW).join([v[:2], v[2:5], v[5:]]),
                       "-".join([v[:2], v[2:8], v[8]]), F.case_mix(rng, v)])


# ---------------------------------------------------------------- postal addresses

_PC_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def _postcode_compact(rng):
    while True:
        letters = V.rand_str(rng, _PC_LETTERS, 2)
        if letters not in ("SA", "SD", "SS"):
            return str(rng.randint(1011, 9999)), letters


def _postcode(rng):
    d, l = _postcode_compact(rng)
    return rng.choice(["%s %s" % (d, l), "%s %s" % (d, l), "%s%s" % (d, l)])


def _postcode_obf(rng):
    d, l = _postcode_compact(rng)
    return rng.choice(["%s %s" % (d, l.lower()), "%s%s" % (d, l.lower()), "%s%s%s" % (d, NBSP, l),
                       "%s %s" % (fullwidth(d), l), "%s %s" % (" ".join(d), l),
                       "%s%s %s" % (d[:2], rng.choice(ZW), d[2:] + " " + l)])


# ---------------------------------------------------------------- secrets


def _pw(rng):
    words = ["Tulpen", "Kroket", "Zeilboot", "Bitterbal", "Haring", "Fietsbel", "Molen",
             "Regenjas", "Stroopwafel", "Kanaal", "Sneeuw", "Lente", "Oranje", "Duiker",
             "Lighthouse", "Marmalade", "Pelican", "Thunder", "Biscuit", "Harbour"]
    w = rng.choice(words)
    style = rng.randrange(6)
    if style == 0:
        return "%s%d%s" % (w, rng.randint(10, 2099), rng.choice("!#$%&*?"))
    if style == 1:
        return "%s%s%d" % (F.leet(rng, w), rng.choice("!#$@_-"), rng.randint(1, 999))
    if style == 2:
        return "%s-%s-%d" % (w.lower(), rng.choice(words).lower(), rng.randint(1, 99))
    if style == 3:
        return V.rand_str(rng, string.ascii_letters + string.digits + "!#%&*+=?", rng.randint(10, 16))
    if style == 4:
        return "%s%s%s" % (rng.choice(string.ascii_uppercase), V.rand_str(rng, string.ascii_lowercase + string.digits, 8), rng.choice("!?#"))
    return "%s_%s%d" % (w, rng.choice(["ODK", "odk", "Oost", "Desk"]), rng.randint(2020, 2026))


def _pw_url(rng):
    return V.rand_str(rng, string.ascii_letters + string.digits, rng.randint(12, 20))


def _ghp(rng):
    return V.github_token(rng, rng.choice(["ghp_", "ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))


def _ghpat(rng):
    return "github_pat_" + V.rand_str(rng, V.ALNUM, 22) + "_" + V.rand_str(rng, V.ALNUM, 59)


def _azconn(rng):
    return "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (
        rng.choice(["odkexports", "oosterdokdata", "odkarchive01", "stodkprodweu", "odkbackups"]),
        V.azure_account_key(rng))


def _pem(rng, kind, lines=None, truncated=False):
    return V.rsa_private_key(rng, lines=lines or rng.randint(3, 6), kind=kind, truncated=truncated)


def _sa_json(rng, with_email):
    block = V.rsa_private_key(rng, lines=4, kind="PRIVATE KEY").replace("\n", "\\n") + "\\n"
    project = rng.choice(["odk-reporting", "oosterdok-data-prod", "odk-risk-412"])
    lines = ['{', '  "type": "service_account",', '  "project_id": "%s",' % project,
             '  "private_key": "%s"%s' % (block, "," if with_email else "")]
    if with_email:
        lines.append('  "client_email": "%s"' % _sa_email(rng))
    lines.append("}")
    return "\n".join(lines)


def _jwt(rng):
    claims = {"sub": rng.choice(["u%04d" % rng.randint(1, 9999), "svc-portal", "desk-app"]),
              "iat": 1718000000 + rng.randint(0, 9000000)}
    if rng.random() < 0.6:
        claims["role"] = rng.choice(["trader", "viewer", "admin", "ops"])
    if rng.random() < 0.5:
        claims["iss"] = rng.choice(["https://sso.oosterdok.nl", "odk-auth", "portal"])
    return V.jwt(rng, claims)


def _generic(rng):
    style = rng.randrange(4)
    if style == 0:
        return V.hex_str(rng, rng.choice([32, 40]))
    if style == 1:
        return V.high_entropy(rng, rng.choice([24, 32, 40]))
    if style == 2:
        return V.rand_str(rng, V.ALNUM + "~._-", 34)
    return V.high_entropy(rng, 28, V.ALNUM + "-_")


def _sha40(rng):
    return V.hex_str(rng, 40)


def _uuid(rng):
    h = V.hex_str(rng, 32)
    return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab") + h[17:20], h[20:])


def _codename_list():
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "codenames.txt"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


CODENAMES = _codename_list()


def _cn(rng):
    c = rng.choice(CODENAMES)
    return rng.choice([c, c, c, c.lower(), c.upper()])


def _cn_obf(rng):
    c = rng.choice(CODENAMES)
    words = c.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    while True:
        out = rng.choice(F.WORD_OBFUSCATORS)(rng, words[i])
        if out != words[i]:
            break
    words[i] = out
    return " ".join(words)


SLOTS = {
    # cards
    "card": lambda r: _card_plain(r, V.card(r)),
    "card_obf": _card_obf,
    "visa": lambda r: _card_plain(r, V.card(r, "visa")),
    "visa_obf": lambda r: disguise_digits(r, V.card(r, "visa"), [4, 4, 4, 4]),
    "mc": lambda r: _card_plain(r, V.card(r, "mastercard")),
    "mc_obf": lambda r: disguise_digits(r, V.card(r, "mastercard"), [4, 4, 4, 4]),
    "amex": lambda r: V.group_card(V.card(r, "amex")),
    "card_compact": lambda r: V.card(r),
    "exp": _month_year,
    "cvc": lambda r: V.digits(r, 3),
    # IBAN
    "iban": _iban_plain,
    "iban_obf": _iban_obf,
    "iban_nl": lambda r: _iban_plain(r, "NL"),
    "iban_nl_obf": _iban_obf,
    # e-mail
    "email": _email,
    "email_obf": _email_obf,
    "work_email": _work_email,
    "work_email_obf": _email_obf,
    "private_email": _private_email,
    "gmail": lambda r: "%s@gmail.com" % _local(r),
    "role_email": _role_email,
    "role_email_obf": lambda r: _role_email(r).replace("@", "＠"),
    "sa_email": _sa_email,
    # phones
    "phone": _phone,
    "phone_obf": _phone_obf,
    "nl_mob": _nl_mob,
    "nl_mob_obf": _nl_mob_obf,
    "nl_land": _nl_land,
    "nl_land_obf": _nl_land_obf,
    "be_phone": _be_phone,
    "be_phone_obf": _be_obf,
    "de_phone": _de_phone,
    "de_phone_obf": _de_obf,
    "uk_phone": _uk_phone,
    # national ids
    "rrn": V.belgian_rrn,
    "rrn_obf": _rrn_obf,
    "steuer": _steuer,
    "steuer_obf": _steuer_obf,
    "dni": V.spanish_dni,
    "dni_obf": _dni_obf,
    "nie": V.spanish_nie,
    "nie_obf": _nie_obf,
    "cf": V.codice_fiscale,
    "cf_obf": _cf_obf,
    "nir": V.french_nir,
    "nir_obf": _nir_obf,
    "pesel": V.pesel,
    "pesel_obf": _pesel_obf,
    "bsn": _bsn,
    "bsn_obf": _bsn_obf,
    "docnr": V.nl_document_number,
    "docnr_obf": _doc_obf,
    # addresses
    "street": lambda r: r.choice(STREETS),
    "postcode": _postcode,
    "postcode_obf": _postcode_obf,
    # secrets
    "pw": _pw,
    "pw_url": _pw_url,
    "aws_ak": V.aws_access_key,
    "aws_sk": V.aws_secret_key,
    "gcp": V.gcp_api_key,
    "azure": V.azure_account_key,
    "azconn": _azconn,
    "ghp": _ghp,
    "ghpat": _ghpat,
    "glpat": V.gitlab_token,
    "xoxb": V.slack_bot_token,
    "xoxp": V.slack_user_token,
    "sk": lambda r: V.stripe_key(r, "sk_live_"),
    "rk": lambda r: V.stripe_key(r, "rk_live_"),
    "pem_rsa": lambda r: _pem(r, "RSA PRIVATE KEY"),
    "pem_pkcs8": lambda r: _pem(r, "PRIVATE KEY"),
    "pem_ec": lambda r: _pem(r, "EC PRIVATE KEY", lines=3),
    "pem_openssh": lambda r: _pem(r, "OPENSSH PRIVATE KEY"),
    "pem_enc": lambda r: _pem(r, "ENCRYPTED PRIVATE KEY"),
    "pem_trunc": lambda r: _pem(r, r.choice(["RSA PRIVATE KEY", "PRIVATE KEY"]), lines=2, truncated=True),
    "sa_json": lambda r: _sa_json(r, False),
    "sa_json_email": lambda r: _sa_json(r, True),
    "jwt": _jwt,
    "gen": _generic,
    "hex32": lambda r: V.hex_str(r, 32),
    "hex40": lambda r: V.hex_str(r, 40),
    "sha40": _sha40,
    "uuid": _uuid,
    # codenames
    "cn": _cn,
    "cn_obf": _cn_obf,
    "cn_pair": lambda r: " en ".join(r.sample(CODENAMES, 2)),
}


# ---------------------------------------------------------------- rendering

_SLOT = re.compile(r"\{([a-z_0-9]+)\}")
_OPEN, _CLOSE = "\x00", "\x01"


def render(rng, template, obfuscate=False, extra=None):
    """Returns (text, disguised): disguised says whether any mark or _obf slot was used."""
    text = template.replace("{{", _OPEN).replace("}}", _CLOSE)
    disguised = False
    if obfuscate and F.has_marks(text):
        plain = F.apply_marks(rng, text, False)
        for _ in range(30):
            out = F.apply_marks(rng, text, True)
            if out != plain:
                break
        text = out
        disguised = out != plain
    else:
        text = F.apply_marks(rng, text, False)
    table = dict(SLOTS)
    table.update(FILLERS)
    if extra:
        table.update(extra)

    def one(m):
        nonlocal disguised
        key = m.group(1)
        if key.endswith("_obf"):
            disguised = True
        elif obfuscate and key + "_obf" in table:
            key += "_obf"
            disguised = True
        if key not in table:
            raise KeyError("unknown slot {%s} in %r" % (key, template[:80]))
        value = table[key]
        return value(rng) if callable(value) else value

    text = _SLOT.sub(one, text)
    text = text.replace(_OPEN, "{").replace(_CLOSE, "}")
    text = re.sub(r"[ \t]+(?=\n|$)", "", text).strip()
    return text, disguised


def parse(block):
    """Positive templates, one a line: `lang|labels|mode|template`. labels are space-separated;
    mode is `-` (one plain post), `o` (a plain and an obfuscated post) or `O` (obfuscated only).
    `\\n` in a template is a line break. Lines starting with # are comments."""
    out = []
    for line in block.strip("\n").split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lang, labels, mode, template = line.split("|", 3)
        assert lang in ("en", "nl") and mode in ("-", "o", "O"), line
        out.append((lang, tuple(labels.split()), mode, template.strip().replace("\\n", "\n")))
    return out


def parse_negatives(block):
    """Hard negatives, one a line: `lang|tags|template` (tags space-separated, may be empty)."""
    out = []
    for line in block.strip("\n").split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lang, tags, template = line.split("|", 2)
        assert lang in ("en", "nl"), line
        out.append((lang, tuple(t for t in tags.split() if t), template.strip().replace("\\n", "\n")))
    return out


def lines(block):
    """Clean templates: one a line, `\\n` is a line break."""
    return [l.strip().replace("\\n", "\n") for l in block.strip("\n").split("\n")
            if l.strip() and not l.strip().startswith("#")]
