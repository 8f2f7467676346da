"""Values with valid (or deliberately invalid) checksums for the evaluation set.

Every function takes the generator's random.Random so that the set is reproducible.
Nothing here reads the policies: the algorithms come from the public specifications
(ISO 7064, ISO 13616, the Dutch 11-check, the national registers' own check rules).
"""
import base64
import json
import string
import zlib

DIGITS = string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B32 = string.ascii_uppercase + "234567"
B64 = string.ascii_letters + string.digits + "+/"
B64URL = string.ascii_letters + string.digits + "-_"
ALNUM = string.ascii_letters + string.digits


def rand_str(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def digits(rng, n, first_nonzero=False):
    s = rand_str(rng, DIGITS, n)
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


# ---------------------------------------------------------------- payment cards


def luhn_check_digit(partial):
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # doubled: the check digit will sit to the right of this one
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number):
    return luhn_check_digit(number[:-1]) == number[-1]


CARD_BRANDS = [
    # (name, prefixes, length)
    ("visa", ["4"], 16),
    ("mastercard", ["51", "52", "53", "54", "55", "2221", "2300", "2500", "2720"], 16),
    ("amex", ["34", "37"], 15),
    ("discover", ["6011", "65"], 16),
    ("jcb", ["3528", "3540", "3566", "3589"], 16),
    ("maestro", ["6759", "6761"], 16),
]

WELL_KNOWN_TEST_CARDS = {"4111111111111111", "5555555555554444", "378282246310005",
                         "4242424242424242", "4000056655665556", "6011111111111117"}


def card(rng, brand=None):
    """A Luhn-valid number with a real brand prefix and length (never a documented test card)."""
    while True:
        name, prefixes, length = rng.choice(CARD_BRANDS) if brand is None else next(
            b for b in CARD_BRANDS if b[0] == brand)
        prefix = rng.choice(prefixes)
        body = prefix + digits(rng, length - len(prefix) - 1)
        number = body + luhn_check_digit(body)
        if number not in WELL_KNOWN_TEST_CARDS:
            return number


def card_luhn_invalid(rng):
    number = card(rng)
    bad = str((int(number[-1]) + rng.randint(1, 9)) % 10)
    out = number[:-1] + bad
    assert not luhn_valid(out)
    return out


def group_card(number, sep=" "):
    if len(number) == 15:  # Amex: 4-6-5
        parts = [number[:4], number[4:10], number[10:]]
    else:
        parts = [number[i:i + 4] for i in range(0, len(number), 4)]
    return sep.join(parts)


# ---------------------------------------------------------------- IBAN


def _iban_numeric(s):
    return "".join(str(int(ch, 36)) for ch in s)


def iban_check_digits(country, bban):
    rem = int(_iban_numeric(bban + country + "00")) % 97
    return "%02d" % (98 - rem)


def iban_valid(iban):
    iban = iban.replace(" ", "").upper()
    return int(_iban_numeric(iban[4:] + iban[:4])) % 97 == 1


NL_BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ", "RBRB"]
GB_BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]


def _bban(rng, country):
    if country == "NL":
        return rng.choice(NL_BANKS) + digits(rng, 10)
    if country == "DE":
        return digits(rng, 8, True) + digits(rng, 10)
    if country == "BE":
        first = digits(rng, 10, True)
        check = int(first) % 97 or 97
        return first + "%02d" % check
    if country == "GB":
        return rng.choice(GB_BANKS) + digits(rng, 6) + digits(rng, 8)
    if country == "FR":
        bank, branch, account = digits(rng, 5, True), digits(rng, 5), digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        return bank + branch + account + "%02d" % key
    if country == "LU":
        return digits(rng, 3) + rand_str(rng, string.ascii_uppercase + DIGITS, 13)
    if country == "ES":
        return digits(rng, 20)
    raise ValueError(country)


IBAN_LENGTHS = {"NL": 18, "DE": 22, "BE": 16, "GB": 22, "FR": 27, "LU": 20, "ES": 24}


def iban(rng, country="NL"):
    bban = _bban(rng, country)
    out = country + iban_check_digits(country, bban) + bban
    assert len(out) == IBAN_LENGTHS[country] and iban_valid(out)
    return out


def iban_bad_checksum(rng, country="NL"):
    good = iban(rng, country)
    while True:
        check = "%02d" % rng.randint(2, 98)
        out = good[:2] + check + good[4:]
        if not iban_valid(out):
            return out


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


# ---------------------------------------------------------------- Dutch BSN


def bsn_valid(s):
    if len(s) != 9 or not s.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(s[:8], range(9, 1, -1))) - int(s[8])
    return total % 11 == 0


def bsn(rng):
    while True:
        first8 = digits(rng, 8, True)
        total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1)))
        last = total % 11
        if last <= 9:
            out = first8 + str(last)
            assert bsn_valid(out)
            return out


def nine_digits_not_bsn(rng):
    while True:
        s = digits(rng, 9, True)
        if not bsn_valid(s):
            return s


# ---------------------------------------------------------------- national ids


def belgian_rrn(rng):
    """Belgian national register number, YY.MM.DD-SSS.CC."""
    year = rng.randint(1950, 2006)
    yy, mm, dd = year % 100, rng.randint(1, 12), rng.randint(1, 28)
    seq = rng.randint(1, 997)
    base = "%02d%02d%02d%03d" % (yy, mm, dd, seq)
    n = int(("2" + base) if year >= 2000 else base)
    check = 97 - n % 97
    return "%s.%s.%s-%s.%02d" % (base[0:2], base[2:4], base[4:6], base[6:9], check)


def german_tax_id(rng):
    """German Steuer-IdNr: 11 digits, one digit twice in the first ten, ISO 7064 MOD 11,10."""
    while True:
        pool = rng.sample(DIGITS, 9)
        doubled = rng.choice(pool)
        first10 = pool + [doubled]
        rng.shuffle(first10)
        if first10[0] != "0":
            break
    product = 10
    for ch in first10:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    return "".join(first10) + str(check)


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def spanish_dni(rng):
    n = digits(rng, 8)
    return n + DNI_LETTERS[int(n) % 23]


def spanish_nie(rng):
    prefix = rng.choice("XYZ")
    n = digits(rng, 7)
    return prefix + n + DNI_LETTERS[int(str("XYZ".index(prefix)) + n) % 23]


_CF_ODD = dict(zip(DIGITS + string.ascii_uppercase,
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
                    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
                    10, 22, 25, 24, 23]))
_CF_EVEN = {**{d: int(d) for d in DIGITS}, **{c: i for i, c in enumerate(string.ascii_uppercase)}}


def codice_fiscale_check(first15):
    total = sum(_CF_ODD[c] if i % 2 == 0 else _CF_EVEN[c] for i, c in enumerate(first15))
    return string.ascii_uppercase[total % 26]


def codice_fiscale(rng):
    consonants = "BCDFGHJKLMNPQRSTVWXZ"
    name = rand_str(rng, consonants, 5) + rng.choice("AEIOU")
    yy = "%02d" % rng.randint(50, 99)
    month = rng.choice("ABCDEHLMPRST")
    day = "%02d" % (rng.randint(1, 28) + rng.choice([0, 40]))
    place = rng.choice("ABCDEFGHL") + digits(rng, 3)
    first15 = name + yy + month + day + place
    return first15 + codice_fiscale_check(first15)


def french_nir(rng):
    """French NIR: 13 digits and a 2-digit key, returned grouped as written on a carte Vitale."""
    sex = rng.choice("12")
    yy = "%02d" % rng.randint(50, 99)
    mm = "%02d" % rng.randint(1, 12)
    dept = "%02d" % rng.choice([13, 31, 33, 44, 59, 67, 69, 75, 92, 93])
    commune = digits(rng, 3)
    order = "%03d" % rng.randint(1, 999)
    n13 = sex + yy + mm + dept + commune + order
    key = 97 - int(n13) % 97
    return "%s %s %s %s %s %s %02d" % (sex, yy, mm, dept, commune, order, key)


def pesel(rng):
    year = rng.randint(1955, 2005)
    month = rng.randint(1, 12) + (20 if year >= 2000 else 0)
    first10 = "%02d%02d%02d%04d" % (year % 100, month, rng.randint(1, 28), rng.randint(0, 9999))
    weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    check = (10 - sum(int(d) * w for d, w in zip(first10, weights)) % 10) % 10
    return first10 + str(check)


# ---------------------------------------------------------------- Dutch ID documents

_DOC_LETTERS = "ABCDEFGHIJKLMNPQRSTUVWXYZ"  # no letter O


def nl_document_number(rng):
    return (rand_str(rng, _DOC_LETTERS, 2) + rand_str(rng, _DOC_LETTERS + DIGITS, 6)
            + rng.choice(DIGITS))


# ---------------------------------------------------------------- secrets


def aws_access_key(rng):
    return "AKIA" + rand_str(rng, B32, 16)


def aws_secret_key(rng):
    return rand_str(rng, B64, 40)


def gcp_api_key(rng):
    return "AIza" + rand_str(rng, B64URL, 35)


def azure_account_key(rng):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(64))).decode()


def github_token(rng, prefix="ghp_"):
    entropy = rand_str(rng, B62, 30)
    crc = zlib.crc32(entropy.encode())
    check = ""
    while crc:
        check = B62[crc % 62] + check
        crc //= 62
    return prefix + entropy + check.rjust(6, "0")


def gitlab_token(rng):
    return "glpat-" + rand_str(rng, ALNUM + "-_", 20)


def slack_bot_token(rng):
    return "xoxb-%s-%s-%s" % (digits(rng, 12, True), digits(rng, 13, True),
                              rand_str(rng, ALNUM, 24))


def slack_user_token(rng):
    return "xoxp-%s-%s-%s-%s" % (digits(rng, 12, True), digits(rng, 12, True),
                                 digits(rng, 13, True), rand_str(rng, "0123456789abcdef", 32))


def stripe_key(rng, prefix="sk_live_"):
    return prefix + rand_str(rng, ALNUM, rng.choice([24, 32, 99]))


def _b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt(rng, claims):
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64url(bytes(rng.getrandbits(8) for _ in range(32)))
    return "%s.%s.%s" % (header, payload, signature)


def pem_body_lines(rng, lines, width=64):
    out = []
    for _ in range(lines):
        out.append(rand_str(rng, B64, width))
    return out


def rsa_private_key(rng, lines=4, kind="RSA PRIVATE KEY", truncated=False):
    first = {"OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA", "EC PRIVATE KEY": "MHcCAQEEI"}.get(
        kind, "MIIEo")
    body = [first + rand_str(rng, B64, 64 - len(first))] + pem_body_lines(rng, lines - 1)
    block = ["-----BEGIN %s-----" % kind] + body
    if not truncated:
        block.append(rand_str(rng, B64, 24) + "==")
        block.append("-----END %s-----" % kind)
    return "\n".join(block)


def high_entropy(rng, n, alphabet=ALNUM):
    return rand_str(rng, alphabet, n)


def hex_str(rng, n):
    return rand_str(rng, "0123456789abcdef", n)
