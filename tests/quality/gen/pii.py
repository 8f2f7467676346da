"""Positives for the personal-data categories, plain and obfuscated.

Each entry is (lang, labels, template). Templates that use an *_obf slot are tagged
obfuscated by the assembler. Every entry lists every category its text contains.
"""
import unicodedata

from . import fill as F
from . import values as V

STREETS = ["Keizersgracht", "Prinsengracht", "Oudegracht", "Dorpsstraat", "Kerkstraat",
           "Stationsweg", "Laan van Meerdervoort", "Coolsingel", "Marktplein", "Hoofdstraat",
           "Julianalaan", "Beatrixstraat", "Van Goghstraat", "Schoolstraat", "Molenweg",
           "Burgemeester de Withstraat", "Nieuwe Binnenweg", "Vondelstraat", "Zeestraat"]
NL_CITIES = ["Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Eindhoven", "Groningen", "Zwolle",
             "Haarlem", "Leiden", "Delft", "Arnhem", "Breda", "Tilburg", "Almere", "Amersfoort"]
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def _ascii(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _local_part(rng):
    first = _ascii(rng.choice(F.NAMES)).lower()
    last = _ascii(rng.choice(F.SURNAMES)).lower().replace(" ", "")
    return rng.choice(["%s.%s" % (first, last), "%s.%s" % (first[0], last), "%s%s" % (first, last),
                       "%s_%s%d" % (first, last, rng.randint(70, 99)), "%s" % first])


def email(rng):
    return "%s@%s" % (_local_part(rng), rng.choice(F.MAIL_DOMAINS))


def role_email(rng):
    role = rng.choice(["support", "info", "facturen", "noreply", "hr", "sales", "privacy",
                       "administratie", "billing"])
    return "%s@%s" % (role, rng.choice(F.MAIL_DOMAINS[:8]))


def email_obf(rng):
    address = email(rng)
    style = rng.randrange(4)
    if style == 0:
        return address.upper()
    if style == 1:
        return F.case_mix(rng, address)
    if style == 2:
        local, domain = address.split("@")
        return F.zero_width(rng, local) + "@" + domain
    local, domain = address.split("@")
    return local + "＠" + domain  # full-width commercial at


# ---------------------------------------------------------------- phones


def _d(rng, n):
    return V.digits(rng, n)


def phone_nl(rng):
    mobile = "6" + rng.choice("12345") + _d(rng, 7)
    area = rng.choice(["20", "10", "30", "70", "40", "50", "38", "71", "15"])
    land = area + str(rng.randint(2, 8)) + _d(rng, 8 - len(area))
    return rng.choice([
        "0%s-%s" % (mobile[0], mobile[1:]),
        "0%s %s %s" % (mobile[0], mobile[1:5], mobile[5:]),
        "+31 %s %s" % (mobile[0], mobile[1:]),
        "+31 (0)%s %s %s %s %s" % (mobile[0], mobile[1:3], mobile[3:5], mobile[5:7], mobile[7:]),
        "0031 %s %s" % (mobile[0], mobile[1:]),
        "0%s-%s" % (area, land[len(area):]),
        "0%s %s %s" % (area, land[len(area):len(area) + 3], land[len(area) + 3:]),
        "+31 %s %s %s" % (area, land[len(area):len(area) + 3], land[len(area) + 3:]),
    ])


def phone_be(rng):
    mob = rng.choice(["470", "471", "472", "475", "476", "477", "478", "479", "485", "495", "496"])
    a, b, c = _d(rng, 2), _d(rng, 2), _d(rng, 2)
    area = rng.choice(["2", "3", "9"])
    return rng.choice([
        "0%s %s %s %s" % (mob, a, b, c),
        "+32 %s %s %s %s" % (mob, a, b, c),
        "0%s/%s.%s.%s" % (mob, a, b, c),
        "0%s %s %s %s" % (area, str(rng.randint(200, 899)), b, c),
        "+32 %s %s %s %s" % (area, str(rng.randint(200, 899)), b, c),
    ])


def phone_de(rng):
    mob = rng.choice(["151", "152", "157", "160", "162", "170", "171", "172", "176", "177"])
    area = rng.choice(["30", "89", "40", "221", "69", "211"])
    sub = str(rng.randint(2, 9)) + _d(rng, 9 - len(area) if len(area) == 2 else 6)
    return rng.choice([
        "0%s %s" % (mob, str(rng.randint(1, 9)) + _d(rng, 7)),
        "+49 %s %s" % (mob, str(rng.randint(1, 9)) + _d(rng, 7)),
        "+49 (0)%s %s" % (mob, str(rng.randint(1, 9)) + _d(rng, 6)),
        "0%s %s" % (area, sub),
        "+49 %s %s" % (area, sub),
        "0%s-%s" % (area, sub),
    ])


def phone_uk(rng):
    return rng.choice([
        "07700 900%s" % _d(rng, 3),
        "+44 7700 900%s" % _d(rng, 3),
        "07%s %s" % (str(rng.randint(400, 999)), _d(rng, 6)),
        "+44 7%s %s" % (str(rng.randint(400, 999)), _d(rng, 6)),
        "020 7946 0%s" % _d(rng, 3),
        "+44 20 7946 0%s" % _d(rng, 3),
        "0161 496 0%s" % _d(rng, 3),
        "+44 (0)131 496 0%s" % _d(rng, 3),
    ])


def phone(rng):
    return rng.choice([phone_nl, phone_nl, phone_nl, phone_be, phone_de, phone_uk])(rng)


def _digits_obf(rng, text, allow_dots=True):
    """Disguises a digit string: dots or single spaces between digits, full-width, NBSP."""
    styles = ["fullwidth", "spaced", "nbsp", "zw"] + (["dotted"] if allow_dots else [])
    style = rng.choice(styles)
    if style == "fullwidth":
        return F.fullwidth_digits(text)
    if style == "spaced":
        return F.space_every_char(text)
    if style == "nbsp":
        return text.replace(" ", F.NBSP) if " " in text else F.NBSP.join(
            text[i:i + 3] for i in range(0, len(text), 3))
    if style == "zw":
        return text.replace(" ", F.ZWSP) if " " in text else F.ZWSP.join(
            text[i:i + 3] for i in range(0, len(text), 3))
    compact = text.replace(" ", "").replace("-", "")
    lead = ""
    if compact.startswith("+"):
        lead, compact = compact[:3] + ".", compact[3:]
    return lead + ".".join(compact[i:i + 2] for i in range(0, len(compact), 2))


def phone_obf(rng):
    return _digits_obf(rng, phone(rng))


# ---------------------------------------------------------------- cards, IBAN, BSN


def card(rng):
    number = V.card(rng)
    return rng.choice([V.group_card(number), V.group_card(number, "-"), number])


def card_obf(rng):
    number = V.card(rng)
    style = rng.randrange(6)
    if style == 0:
        return V.group_card(number, ".")
    if style == 1:
        return F.space_every_char(number)
    if style == 2:
        return F.fullwidth_digits(V.group_card(number))
    if style == 3:
        return V.group_card(number, F.NBSP)
    if style == 4:
        return V.group_card(number, F.ZWSP)
    return V.group_card(number, " / ")


def iban(rng):
    value = V.iban(rng, rng.choice(["NL"] * 6 + ["DE", "BE", "GB", "FR", "LU"]))
    return rng.choice([V.group4(value), value, V.group4(value)])


def iban_nl(rng):
    value = V.iban(rng, "NL")
    return rng.choice([V.group4(value), value])


def iban_obf(rng):
    value = V.iban(rng, rng.choice(["NL", "NL", "NL", "DE", "BE"]))
    style = rng.randrange(5)
    if style == 0:
        return V.group4(value).lower()
    if style == 1:
        return V.group4(value, F.NBSP)
    if style == 2:
        return V.group4(value, ".")
    if style == 3:
        return F.fullwidth_digits(V.group4(value))
    return F.case_mix(rng, value[:2]) + value[2:4] + " " + value[4:8].lower() + " " + value[8:]


def bsn(rng):
    value = V.bsn(rng)
    return rng.choice([value, value, "%s.%s.%s" % (value[:4], value[4:6], value[6:]),
                       "%s %s %s" % (value[:3], value[3:6], value[6:])])


def bsn_obf(rng):
    value = V.bsn(rng)
    style = rng.randrange(4)
    if style == 0:
        return F.fullwidth_digits(value)
    if style == 1:
        return F.space_every_char(value)
    if style == 2:
        return "%s-%s-%s" % (value[:3], value[3:6], value[6:])
    return value[:4] + F.ZWSP + value[4:]


# ---------------------------------------------------------------- national ids, documents


def rrn(rng):
    value = V.belgian_rrn(rng)
    return rng.choice([value, value.replace(".", "").replace("-", "")])


def taxid(rng):
    value = V.german_tax_id(rng)
    return rng.choice([value, "%s %s %s %s" % (value[:2], value[2:5], value[5:8], value[8:])])


def dni(rng):
    value = V.spanish_dni(rng)
    return rng.choice([value, value[:-1] + "-" + value[-1]])


def nie(rng):
    value = V.spanish_nie(rng)
    return rng.choice([value, value[:-1] + "-" + value[-1]])


def rrn_obf(rng):
    return rng.choice([F.fullwidth_digits, F.space_every_char])(V.belgian_rrn(rng))


def taxid_obf(rng):
    value = V.german_tax_id(rng)
    return rng.choice([F.space_every_char(value), F.fullwidth_digits(value),
                       ".".join([value[:2], value[2:5], value[5:8], value[8:]])])


def pesel_obf(rng):
    return rng.choice([F.space_every_char, F.fullwidth_digits])(V.pesel(rng))


def cf_obf(rng):
    value = V.codice_fiscale(rng)
    return rng.choice([value.lower(), " ".join([value[:3], value[3:6], value[6:11], value[11:]])])


def docnum(rng):
    return V.nl_document_number(rng)


def docnum_obf(rng):
    value = V.nl_document_number(rng)
    style = rng.randrange(3)
    if style == 0:
        return value.lower()
    if style == 1:
        return " ".join([value[:2], value[2:5], value[5:8], value[8:]])
    return F.space_every_char(value)


# ---------------------------------------------------------------- addresses


def postcode(rng):
    return "%d %s" % (rng.randint(1011, 9999), V.rand_str(rng, POSTCODE_LETTERS, 2))


def street_no(rng):
    return "%s %d%s" % (rng.choice(STREETS), rng.randint(1, 250), rng.choice(["", "", "", "A", "-2", " bis", "B"]))


def address(rng):
    return rng.choice([
        "%s, %s %s" % (street_no(rng), postcode(rng), rng.choice(NL_CITIES)),
        "%s\n%s %s" % (street_no(rng), postcode(rng), rng.choice(NL_CITIES).upper()),
        "%s %s, %s" % (street_no(rng), postcode(rng), rng.choice(NL_CITIES)),
    ])


def address_obf(rng):
    code = "%d%s" % (rng.randint(1011, 9999), V.rand_str(rng, POSTCODE_LETTERS, 2))
    style = rng.randrange(3)
    if style == 0:
        code = code.lower()
    elif style == 1:
        code = code[:4] + F.NBSP + code[4:]
    else:
        code = F.fullwidth_digits(code[:4]) + " " + code[4:]
    return "%s, %s %s" % (street_no(rng).lower(), code, rng.choice(NL_CITIES).lower())


SLOTS = {
    "card": card, "card_obf": card_obf,
    "iban": iban, "iban_nl": iban_nl, "iban_obf": iban_obf,
    "email": email, "role_email": role_email, "email_obf": email_obf,
    "phone": phone, "phone_nl": phone_nl, "phone_be": phone_be, "phone_de": phone_de,
    "phone_uk": phone_uk, "phone_obf": phone_obf,
    "bsn": bsn, "bsn_obf": bsn_obf,
    "rrn": rrn, "taxid": taxid, "dni": dni, "nie": nie,
    "rrn_obf": rrn_obf, "taxid_obf": taxid_obf, "pesel_obf": pesel_obf, "cf_obf": cf_obf,
    "cf": lambda r: V.codice_fiscale(r), "nir": lambda r: V.french_nir(r),
    "pesel": lambda r: V.pesel(r),
    "docnum": docnum, "docnum_obf": docnum_obf,
    "address": address, "address_obf": address_obf, "postcode": postcode, "street_no": street_no,
    "ncity": lambda r: r.choice(NL_CITIES),
}

CC = ["pii.credit_card"]
IB = ["pii.iban"]
EM = ["pii.email"]
PH = ["pii.phone"]
NI = ["pii.national_id"]
BS = ["pii.nl_bsn"]
ID = ["pii.nl_id_document"]
AD = ["pii.postal_address"]

ENTRIES = [
    # ---- credit cards
    ("en", CC, "Can you book the hotel on my card? {card} exp 09/27, cvc is on the back, I'll tell you by phone"),
    ("en", CC, "card for the AWS invoice: {card}"),
    ("en", CC, "Customer read out their card number on the call: {card}, please process the refund to it"),
    ("en", CC, "@{name} use the company Amex for the conference tickets: {card}"),
    ("en", CC, "Here's the corporate card so you can buy the licences {card} — expiry 11/26"),
    ("en", CC, "The payment failed again for {card}, is it blocked?"),
    ("en", CC, "pls charge {card} for the catering, thx"),
    ("en", CC, "Refund request: original payment on card {card}, amount {amount}"),
    ("nl", CC, "Kun je de vlucht boeken met deze kaart? {card}, vervalt 04/28"),
    ("nl", CC, "Creditcard van de afdeling: {card}. Niet doorsturen graag 🙏"),
    ("nl", CC, "Klant gaf zijn kaartnummer door via de chat: {card}"),
    ("nl", CC, "betaald met {card} maar de bestelling staat nog op open"),
    ("nl", CC, "Hier de bedrijfscreditcard voor de hotelboeking: {card}"),
    ("nl", CC, "Kaartnummer {card} wordt geweigerd bij de leverancier, heb jij een andere?"),
    ("en", CC, "{card}"),
    ("en", CC, "Card: {card} / name on card: {fullname}"),
    ("en", CC, "Visa {card}, CVV I'll send separately"),
    ("en", CC, "Is this the right card for the subscription? {card}"),
    ("en", CC, "card number (don't laugh at the spacing): {card_obf}"),
    ("en", CC, "Typed it like this so the bot doesn't catch it: {card_obf}"),
    ("nl", CC, "kaart: {card_obf} vervaldatum 03/27"),
    ("nl", CC, "Hier is hij: {card_obf}"),
    ("en", CC, "the company card is {card_obf}, use it for the flights"),
    ("en", CC, "{card_obf} exp 12/26"),
    ("nl", CC, "Betaal de cursus maar met {card_obf}"),
    ("en", CC, "My card number is {card_obf}, please retry the payment"),
    # ---- IBANs
    ("en", IB, "Please pay the freelancer to {iban}, invoice attached"),
    ("en", IB, "New bank details for {client}: {iban}"),
    ("en", IB, "Refund to {iban} please, the customer confirmed it by phone"),
    ("nl", IB, "Mijn rekeningnummer voor de declaratie: {iban_nl}"),
    ("nl", IB, "Kun je het voorschot overmaken naar {iban_nl} t.n.v. {fullname}?"),
    ("nl", IB, "Nieuw IBAN van de leverancier: {iban}, graag aanpassen in het systeem"),
    ("nl", IB, "Terugstorten naar {iban_nl} aub"),
    ("nl", IB, "iban {iban_nl} — dat is de rekening van mijn moeder, die betaalt de cursus"),
    ("en", IB, "Salary should go to {iban} from next month, I switched banks"),
    ("en", IB, "The supplier in {city} wants payment to {iban} before we ship"),
    ("en", IB, "{iban}"),
    ("nl", IB, "Overmaken naar {iban} onder vermelding van {order}"),
    ("en", IB, "account for the deposit: {iban} (Stichting Vrienden van de Bibliotheek)"),
    ("en", IB, "bank details: {iban_obf}"),
    ("nl", IB, "rekeningnummer is {iban_obf}"),
    ("nl", IB, "Stort het maar op {iban_obf}, dank!"),
    ("en", IB, "wiring it to {iban_obf} this afternoon"),
    ("en", IB, "IBAN (copied from the letter): {iban_obf}"),
    ("nl", IB, "Graag betalen op {iban_obf} voor vrijdag"),
    # ---- e-mail
    ("en", EM, "You can reach her at {email}, she's expecting your mail"),
    ("en", EM, "Send the signed contract to {email} please"),
    ("nl", EM, "Mail het maar naar {email}, dan kijk ik er vanavond naar"),
    ("nl", EM, "Mijn mailadres is {email}, stuur de agenda daar maar heen"),
    ("en", EM, "Contact at {client}: {fullname}, {email}"),
    ("en", EM, "The candidate's email is {email}, can you send the invite?"),
    ("nl", EM, "Nieuwe contactpersoon bij {client}: {email}"),
    ("en", EM, "For invoices use {role_email}, not my personal address"),
    ("nl", EM, "Facturen graag naar {role_email} sturen"),
    ("en", EM, "Customers should write to {role_email}, it lands in the support queue"),
    ("en", EM, "The alerts come from {role_email}, whitelist it in your filter"),
    ("nl", EM, "Vragen over privacy? Mail {role_email}"),
    ("en", EM, "cc {email} on the thread please"),
    ("en", EM, "{email}"),
    ("nl", EM, "Kun je {email} toevoegen aan de uitnodiging?"),
    ("en", EM, "Invite sent to <mailto:{email}|{email}>"),
    ("en", EM, "his address: {email_obf}"),
    ("nl", EM, "stuur maar naar {email_obf}"),
    ("en", EM, "Reply to {email_obf} with the quote"),
    ("nl", EM, "Contact: {email_obf}"),
    ("en", EM, "You'll find her at {email_obf}"),
    ("nl", EM, "Mijn mailadres is {email_obf}, daar kun je het heen sturen"),
    ("en", EM, "ping {email_obf} about the renewal"),
    # ---- phones
    ("en", PH, "Call me on {phone} if the deploy goes sideways"),
    ("en", PH, "The courier's number is {phone}, he's waiting downstairs"),
    ("nl", PH, "Bel me even op {phone_nl}, ik sta in de file"),
    ("nl", PH, "Nummer van de installateur: {phone_nl}"),
    ("nl", PH, "Kun je {fullname} terugbellen? {phone_nl}"),
    ("en", PH, "Client contact in Antwerp: {phone_be}"),
    ("nl", PH, "De Belgische contactpersoon is bereikbaar op {phone_be}"),
    ("en", PH, "Our Berlin partner asked you to call {phone_de} after 2"),
    ("en", PH, "Frank from the Hamburg office: {phone_de}, he speaks English"),
    ("en", PH, "UK office landline: {phone_uk}"),
    ("en", PH, "My mobile: {phone_uk}, in case you can't find the office"),
    ("en", PH, "Emergency contact for the offsite: {fullname}, {phone}"),
    ("nl", PH, "Voor spoed: {phone}"),
    ("en", PH, "the recruiter left her number: {phone}"),
    ("nl", PH, "{phone_nl}"),
    ("en", PH, "reach the on-site engineer at {phone_de}"),
    ("nl", PH, "Huisarts belde terug, nummer was {phone_nl}"),
    ("en", PH, "call {phone_obf}"),
    ("nl", PH, "mijn nummer: {phone_obf}"),
    ("en", PH, "You can reach the front desk on {phone_obf}"),
    ("nl", PH, "Bel de leverancier op {phone_obf}"),
    ("en", PH, "His number is {phone_obf}, written weird on purpose lol"),
    ("nl", PH, "Bel gerust: {phone_obf}"),
    ("en", PH, "Driver's phone {phone_obf}"),
    # ---- national ids (keyword nearby)
    ("nl", NI, "Rijksregisternummer van de nieuwe collega in Gent: {rrn}"),
    ("nl", NI, "Voor de Belgische payroll: rijksregisternummer {rrn}"),
    ("en", NI, "Her rijksregisternummer is {rrn}, HR needs it for the contract"),
    ("en", NI, "Steuer-ID for the Munich hire: {taxid}"),
    ("en", NI, "German payroll asked for my Steuer-ID, it's {taxid}"),
    ("en", NI, "Steueridentifikationsnummer {taxid} — can you enter it in the payroll tool?"),
    ("en", NI, "DNI of the new Madrid contractor: {dni}"),
    ("en", NI, "Her NIE is {nie}, needed for the Spanish contract"),
    ("en", NI, "codice fiscale for the Milan consultant: {cf}"),
    ("nl", NI, "Codice fiscale van de Italiaanse stagiair is {cf}"),
    ("en", NI, "numéro de sécurité sociale for the Lyon hire: {nir}"),
    ("en", NI, "His PESEL is {pesel}, the Warsaw agency needs it"),
    ("en", NI, "PESEL: {pesel} (for the visa paperwork)"),
    ("nl", NI, "rijksregisternummer {rrn} graag in het dossier zetten"),
    ("en", NI, "Steuer-ID (typed it carefully): {taxid_obf}"),
    ("nl", NI, "Rijksregisternummer voor de Belgische administratie: {rrn_obf}"),
    ("en", NI, "PESEL for the payroll file: {pesel_obf}"),
    ("en", NI, "codice fiscale {cf_obf}, for the Milan office"),
    ("nl", NI, "rijksregisternummer {rrn_obf}"),
    ("en", NI, "Steuer-ID {taxid_obf} for the Hamburg payroll"),
    ("en", NI, "The DNI on her file is {dni}, can you double check it against the scan?"),
    # ---- BSN
    ("nl", BS, "BSN van de nieuwe medewerker: {bsn}"),
    ("nl", BS, "Mijn burgerservicenummer is {bsn}, heb je dat nodig voor het contract?"),
    ("nl", BS, "Kun je de loonstrook aanpassen? BSN {bsn} staat er verkeerd op"),
    ("en", BS, "HR needs your BSN: mine is {bsn} if you want to compare the format"),
    ("en", BS, "citizen service number {bsn} for the payroll form"),
    ("nl", BS, "sofinummer {bsn} (oud nummer, zelfde als BSN)"),
    ("nl", BS, "BSN: {bsn}\nGeboortedatum: {date}"),
    ("en", BS, "Here's the intern's BSN for the payroll run: {bsn}"),
    ("nl", BS, "Voor de pensioenaanvraag: burgerservicenummer {bsn}"),
    ("nl", BS, "bsn {bsn} klopt toch? de UWV-aanvraag loopt vast"),
    ("en", BS, "The tax office letter shows BSN {bsn}, is that the one you have?"),
    ("nl", BS, "{fullname}, BSN {bsn}, start per 1 {maand}"),
    ("nl", BS, "Zorgverzekeraar vraagt het BSN: {bsn}"),
    ("nl", BS, "mijn bsn is {bsn_obf}"),
    ("nl", BS, "BSN {bsn_obf} (zo getypt vanwege de filter)"),
    ("en", BS, "BSN for the form: {bsn_obf}"),
    ("nl", BS, "Burgerservicenummer: {bsn_obf}"),
    ("nl", BS, "sofinummer {bsn_obf}, graag doorgeven aan de salarisadministratie"),
    ("en", BS, "citizen service number {bsn_obf}"),
    # ---- Dutch ID documents
    ("nl", ID, "Paspoortnummer voor de vliegtickets: {docnum}"),
    ("nl", ID, "Mijn ID-kaart nummer is {docnum}, geldig tot 2031"),
    ("en", ID, "Passport number for the visa application: {docnum}"),
    ("en", ID, "Copy of his passport: document number {docnum}, expires {date}"),
    ("nl", ID, "Documentnummer van de identiteitskaart: {docnum}"),
    ("nl", ID, "Voor de screening: paspoort {docnum}"),
    ("en", ID, "The hotel wants everyone's passport number, mine is {docnum}"),
    ("nl", ID, "identiteitskaart {docnum}, afgegeven in {ncity}"),
    ("en", ID, "ID card (documentnummer) {docnum}, please add it to the travel booking"),
    ("nl", ID, "paspoortnr {docnum}"),
    ("en", ID, "passport {docnum}, nationality Dutch, for the conference registration"),
    ("nl", ID, "Nummer van mijn rijbewijs weet ik niet, maar mijn paspoortnummer is {docnum}"),
    ("nl", ID, "paspoort: {docnum_obf}"),
    ("en", ID, "passport number {docnum_obf}"),
    ("nl", ID, "ID-kaart documentnummer {docnum_obf}"),
    ("en", ID, "Her passport: {docnum_obf}, valid until 2029"),
    ("nl", ID, "identiteitskaart nr {docnum_obf}"),
    # ---- postal addresses
    ("nl", AD, "Stuur het pakket naar {address}"),
    ("nl", AD, "Mijn nieuwe adres: {address}"),
    ("en", AD, "Please ship the laptop to my home address: {address}"),
    ("en", AD, "The candidate lives at {address}, send the contract there"),
    ("nl", AD, "Afleveradres voor de bloemen: {address}"),
    ("nl", AD, "Ik ben verhuisd! {address}. Borrel volgt 🎉"),
    ("en", AD, "Home address for the insurance form: {address}"),
    ("nl", AD, "Postcode {postcode}, huisnummer 14, voor de bezorging van de stoel"),
    ("en", AD, "Deliver to {street_no}, {postcode} {ncity}, ring twice"),
    ("nl", AD, "Adres van de klant thuis: {address}"),
    ("en", AD, "Courier pickup at {address}"),
    ("nl", AD, "woonadres {address}"),
    ("nl", AD, "Retour sturen naar {address} t.a.v. {fullname}"),
    ("nl", AD, "adres: {address_obf}"),
    ("en", AD, "send it to {address_obf}"),
    ("nl", AD, "Mijn thuisadres is {address_obf}"),
    ("en", AD, "ship to {address_obf} please"),
    ("nl", AD, "bezorgen op {address_obf}"),
    ("en", EM, "new address, old one is dead: {email_obf}"),
    ("nl", EM, "Mail de offerte naar {email_obf} aub"),
    ("en", PH, "no need to email, just call {phone_obf}"),
    ("nl", PH, "Mijn nieuwe nummer is {phone_obf}"),
    ("en", PH, "Reception desk, new number: {phone_obf}"),
    ("nl", AD, "Nieuw adres van {fullname}: {address_obf}"),
    ("en", AD, "return label goes to {address_obf}"),
    # ---- several kinds in one post
    ("en", ["pii.credit_card"], "Hi {name},\n\nThanks for sorting out the conference trip. A few things before you book:\n\n1. The hotel near the venue is full, so the one by the station is fine, two nights.\n2. Flights: morning departure on the 12th, back on the evening of the 14th. Economy is fine, but please add one checked bag for the booth material.\n3. The registration fee is {amount}; the organisers don't take invoices this year.\n\nYou can put all of it on the department card: {card}, expiry 10/27, the name on the card is {fullname}.\n\nThanks a lot, and let me know if anything is sold out!"),
    ("nl", ["pii.iban", "pii.nl_bsn"], "Hoi {name},\n\nZoals besproken stuur ik hierbij mijn gegevens voor de salarisadministratie, dan kan het nog mee in de run van deze maand.\n\nIk begin per 1 {maand} op de afdeling {team}, 32 uur, en mijn contract ligt getekend bij HR. De reiskostenvergoeding gaat via de gewone declaratie, dat hoef je niet in te voeren.\n\nBSN: {bsn}\nRekeningnummer: {iban_nl}\n\nAls er nog iets ontbreekt hoor ik het graag. Groet!"),
    ("nl", ["pii.nl_bsn", "pii.iban", "pii.postal_address"],
     "Gegevens nieuwe medewerker:\nNaam: {fullname}\nBSN: {bsn}\nIBAN: {iban_nl}\nAdres: {address}"),
    ("en", ["pii.email", "pii.phone"], "Contact for the {client} pilot: {fullname}, {email}, {phone}"),
    ("nl", ["pii.email", "pii.phone"], "Bereikbaar via {email} of {phone_nl}"),
    ("en", ["pii.credit_card", "pii.email"], "Booking under {email}, paid with {card}"),
    ("nl", ["pii.nl_id_document", "pii.nl_bsn"], "Voor de screening: paspoort {docnum}, BSN {bsn}"),
    ("en", ["pii.iban", "pii.email"], "Invoice questions to {role_email}; payment to {iban}"),
    ("nl", ["pii.postal_address", "pii.phone"], "Bezorgadres {address}, bel {phone_nl} bij aankomst"),
    ("en", ["pii.phone", "pii.email", "pii.postal_address"],
     "{fullname}\nSales Manager\n{address}\nT {phone}\nE {email}"),
    ("nl", ["pii.email", "pii.phone"], "Met vriendelijke groet,\n{fullname}\n{phone_nl}\n{email}"),
    ("en", ["pii.national_id", "pii.iban"], "Steuer-ID {taxid}, and salary account {iban} for the Berlin contract"),
    ("nl", ["pii.credit_card", "pii.phone"], "Klant belde vanaf {phone_nl} en gaf kaart {card} door"),
    ("en", ["pii.email", "pii.iban"], "New vendor: {email}, account {iban_obf}"),
    ("nl", ["pii.nl_bsn", "pii.phone"], "BSN {bsn_obf} en telefoon {phone_obf} van de nieuwe stagiair"),
]
