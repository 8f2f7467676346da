"""Hard negatives: posts that look like a category but are not one, per the "Not:" lists of
the labelling guide. One a line: `lang|tags|template` (tags besides hard_negative, e.g.
`mention` for a post that talks about a thing instead of holding it)."""
import string

from gen import values as V

from .common import NAMES, STREETS, parse_negatives, _postcode_compact


def _card_masked(rng):
    n = V.card(rng)
    return rng.choice(["**** **** **** " + n[-4:], n[:4] + " XXXX XXXX " + n[-4:],
                       n[:6] + "******" + n[-4:], "xxxx-xxxx-xxxx-" + n[-4:]])


def _card_bad(rng):
    n = V.card_luhn_invalid(rng)
    return V.group_card(n) if rng.random() < 0.6 else n


def _nobrand16(rng):
    n = rng.choice("1789") + V.digits(rng, 15)
    return V.group_card(n) if rng.random() < 0.5 else n


def _iban_bad(rng):
    v = V.iban_bad_checksum(rng, rng.choice(["NL", "NL", "BE", "DE"]))
    return V.group4(v) if rng.random() < 0.6 else v


def _fr_phone(rng):
    d = V.digits(rng, 8)
    return "+33 %s %s %s %s %s" % (rng.choice("1234567"), d[:2], d[2:4], d[4:6], d[6:])


def _es_phone(rng):
    d = V.digits(rng, 8)
    return "+34 %s%s %s %s %s" % (rng.choice("679"), d[:2], d[2:4], d[4:6], d[6:])


def _meet_id(rng):
    return "%s %s %s" % (V.digits(rng, 3, True), V.digits(rng, 4), V.digits(rng, 4))


def _pubkey(rng):
    return "AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + V.rand_str(rng, V.B64, 180)


def _b64line(rng):
    return V.rand_str(rng, V.B64, 64)


SLOTS = {
    "last4": lambda r: V.digits(r, 4),
    "card_masked": _card_masked,
    "card_bad": _card_bad,
    "nobrand16": _nobrand16,
    "tracking": lambda r: "3S" + V.rand_str(r, string.ascii_uppercase, 4) + V.digits(r, 7),
    "test_card": lambda r: r.choice(["4111 1111 1111 1111", "4242 4242 4242 4242",
                                     "5555 5555 5555 4444"]),
    "iban_bad": _iban_bad,
    "namel": lambda r: r.choice(NAMES).lower().replace("-", ""),
    "namel2": lambda r: r.choice(NAMES).lower().replace("-", ""),
    "us4": lambda r: "01%02d" % r.randint(0, 99),
    "fr_phone": _fr_phone,
    "es_phone": _es_phone,
    "inv": lambda r: "%06d" % r.randint(1, 99999),
    "short": lambda r: str(r.randint(1000, 8999)),
    "ext": lambda r: str(r.randint(2000, 4999)),
    "meet_id": _meet_id,
    "conf_id": lambda r: "%s %s %s" % (V.digits(r, 3, True), V.digits(r, 3), V.digits(r, 3)),
    "kvk": lambda r: V.digits(r, 8, True),
    "steuer_raw": V.german_tax_id,
    "bsn_plain": V.bsn,
    "bsn_bad": V.nine_digits_not_bsn,
    "docshape": V.nl_document_number,
    "pc4": lambda r: _postcode_compact(r)[0],
    "pc_alone": lambda r: "%s %s" % _postcode_compact(r),
    "street": lambda r: r.choice(STREETS),
    "pubkey": _pubkey,
    "b64line": _b64line,
    "hex64": lambda r: V.hex_str(r, 64),
}

ENTRIES = parse_negatives(r"""
# ---------------------------------------------------------------- not pii.credit_card
en||paid with the card ending in {last4}, receipt is in the expense tool
nl||kaart eindigend op {last4} is geblokkeerd, nieuwe komt {dag}
en||log shows card {card_masked}, so the masking works 👍
nl||op het afschrift staat {card_masked} voor {amount}, is dat het hotel?
en||checkout says "{card_bad}" is not a valid card number, typo somewhere?
nl||klant gaf {card_bad} door maar de terminal weigert, klopt volgens mij niet
en||PostNL tracking for the monitors: {tracking}
nl||bestelnummer {nobrand16} staat nog op 'in behandeling'
en||stripe test mode: use {test_card}, any future expiry and any cvc
nl||testkaart {test_card} werkt niet meer in de sandbox
en||ref for the wire: {nobrand16}
nl||vouchernummer {nobrand16}, geldig tot {date}
en|mention|never paste full card numbers in chat, the last 4 is enough
nl|mention|wie heeft de creditcardgegevens van het reisbureau? ik moet de boeking afronden

# ---------------------------------------------------------------- not pii.iban
en||{client} sent {iban_bad} but the bank says the checksum is wrong, can you ask again?
nl||IBAN {iban_bad} wordt afgewezen, het controlegetal klopt niet
en|mention|format is NLkk BANK 0123 4567 89, 18 characters in total
nl|mention|een Nederlands IBAN heeft 18 tekens: NLkk BBBB 0123 4567 89
en||dummy account in the test fixtures: NL00 BANK 0000 0000 00
nl||in de testdata staat overal NL00INGB0000000000, dat is expres
nl|mention|wat is het IBAN van {client} ook alweer? kan het niet vinden
en|mention|the IBAN field in the form only accepts capitals, annoying
en||BIC for the payment is INGBNL2A if the form asks

# ---------------------------------------------------------------- not pii.email
en||@{namel} can you take a look at this one?
nl||@{namel} @{namel2} kunnen jullie hier even naar kijken
en||bumped lodash@4.17.21 and react@18.3.1 in {repo}
en||pinned @angular/core@17.3.4, the 18 upgrade broke the build
nl||mail het naar {namel} at oosterdok dot nl
en||the CI mailer sends as builds@ci-runner.local, ignore those
en||fixtures use noreply@mailer.invalid on purpose
en||backup reports come from svc-backup@vault.internal
en||ssh deploy@10.0.3.{n} and check the disk
nl||log in als root@192.168.1.{n} en herstart de service
nl|mention|stuur het maar naar support, die weten het adres
en|mention|what's {name}'s email again? the new one

# ---------------------------------------------------------------- not pii.phone
en||NY desk: +1 (212) 555-{us4}
en||Paris office {fr_phone}
nl||Madrid: {es_phone}, vraag naar de receptie
en||upgraded to {version}, changelog dated {date}
nl||factuur 2024-{inv} van {amount} is betaald
en||the printer sits at 10.20.{n}.1{n}
nl||sms STOP naar {short} om je af te melden
nl||receptie is toestel {ext}, beveiliging {ext}
en||ext. {ext} for the helpdesk
en||Meeting ID: {meet_id}
en||Teams conference ID {conf_id}#
nl||bij nood 112, intern alarmnummer {ext}
en||order {ticket} shipped, eta 2-3 days
nl||KvK {kvk}, graag op de factuur vermelden
en||EUR/USD at 1.08{n} this morning
en||US client line: +1 646 555 {us4}, they're 6h behind us

# ---------------------------------------------------------------- not pii.national_id
en||batch {steuer_raw} reconciled, no breaks
nl||referentie {rrn} op het bankafschrift, weet iemand waar die vandaan komt?
en||ticket {pesel} closed by the vendor
nl||dossiernummer {dni} is afgesloten
en|mention|what's a codice fiscale and why does the Milan client need one?
nl|mention|HR vraagt om je rijksregisternummer, graag via het HR-portaal uploaden en niet hier
en|mention|do we store PESEL numbers anywhere? GDPR question from legal
en|mention|German hires need a Steuer-ID before the first payroll, it comes by post
nl|mention|een NIE aanvragen in Spanje duurt weken, plan de verhuizing ruim

# ---------------------------------------------------------------- not pii.nl_bsn
nl||klantnummer {bsn_plain} staat dubbel in het systeem
en||case ref {bsn_plain}, pls quote it in your reply
nl||BSN {bsn_bad} klopt niet volgens de elfproef, kun je het navragen?
en||the BSN field rejects {bsn_bad}, fails the 11-check
nl|mention|deel nooit je BSN in de chat, ook niet met HR
en|mention|HR will never ask for your citizen service number over Slack
nl|mention|je burgerservicenummer staat op je paspoort en je ID-kaart
en|mention|why does the pension form need a BSN? seems a lot

# ---------------------------------------------------------------- not pii.nl_id_document
nl||kortingscode {docshape} geeft 20% bij de webshop
en||gift card code {docshape}, expires {date}
en||booking reference {docshape} for the {city} hotel
nl||voucher {docshape} voor de kerstpakketten
nl|mention|paspoort verlopen, nieuwe aanvragen bij de gemeente {city}
en|mention|don't forget your passport for the {city} trip!
nl|mention|ID-kaart vergeten, kom ik wel binnen bij de receptie?
en|mention|the documentnummer is on the back of the card, bottom right

# ---------------------------------------------------------------- not pii.postal_address
nl||wat is de postcode van het kantoor? {pc_alone} toch?
en||delivery only within {pc4} and surrounding areas
nl||we zitten op de {street} {hnr}, 3e verdieping
en||meet you at {street} {hnr}, the café on the corner
nl||verhuisd naar {city}, eindelijk een tuin 🌱
en||the {city} office moves in {month}
nl|mention|vul je huisnummer en postcode in op het HR-portaal, niet hier

# ---------------------------------------------------------------- not a secret: placeholders, public values
en||set AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE like the docs say and it fails politely
en||SLACK_BOT_TOKEN=xoxb-your-token is just the placeholder in the README
en||token: <your-token> — fill in your own
en||GITHUB_TOKEN: ${{GITHUB_TOKEN}} in the workflow, don't hardcode anything
en||sk_live_xxxxxxxxxxxxxxxxxxxxxxxx in the example config is a placeholder, don't panic
nl||api_key = YOUR_API_KEY_HERE staat nog in de template
nl||vul bij GITLAB_TOKEN je eigen glpat-<jouw-token> in
en||ssh-rsa {pubkey} {namel}@laptop ← my public key, pls add it to the jumphost
nl||publieke sleutel voor de sftp:\n-----BEGIN PUBLIC KEY-----\n{b64line}\n{b64line}\n-----END PUBLIC KEY-----
en||cert for the ingress:\n-----BEGIN CERTIFICATE-----\n{b64line}\n{b64line}\n-----END CERTIFICATE-----
en||fixed in commit {sha40}
nl||request id {uuid} staat in de logs, kun je die opzoeken?
en||image: registry.oosterdok.nl/pricing@sha256:{hex64}
en|mention|rotate your tokens every 90 days, reminder from security
en|mention|where do I get a github token for the CLI?
nl|mention|de stripe key staat in vault onder payments/live, niet in de code
en|mention|fun fact: every JWT starts with eyJ because of the base64'd brace
nl|mention|zet een private key nooit in git, gebruik de secret store
en||X-Api-Key: <key from vault>
en||token: abc123 works locally against the mock server
en|mention|client_secret lives in keyvault under kv-odk-prod/hr-portal
en|mention|the api key has to be at least 32 characters, ours is too short
nl||commit {sha40} heeft de token refresh gefixt
en||container digest sha256:{hex64} is the one that passed QA
en||session id {uuid} if support asks

# ---------------------------------------------------------------- not secret.password_in_text
en|mention|password policy: min 14 chars, no reuse of the last 5
en||password reset link sent to your work mail, check spam
nl||wachtwoord: ******** (staat in bitwarden)
en||default login is admin / changeme, you have to change it at first login
nl|mention|wachtwoord vergeten, weer 🙃 ticket {ticket}
nl|mention|het wachtwoord staat in Bitwarden, niet hier plakken aub
en||Password: <your password> — the template is wrong, it should ask for the username first
nl|mention|vanaf {maand} gebruiken we 1Password als wachtwoordmanager
en|mention|can IT reset my password? locked out after the holiday
nl||pw = changeme in de voorbeeldconfig, niet aanpassen in de repo

# ---------------------------------------------------------------- not ip.confidential_marking
en||thanks for keeping it confidential {name} 🙏
en||confidentiality agreement with {client} signed ✅
nl||vertrouwelijke gesprekken met HR graag in de stilteruimte
en||we built this tool for internal use, it's not for clients
nl||onder embargo tot de beurs opent, dus pas daarna iets posten
en|mention|is the NDA mutual or one-way?
nl||vertrouwenspersoon is {fullname}, je kunt haar altijd bellen
en|mention|which classification label goes on the client deck? the template has three
en||was the press release embargoed? no, it went out this morning
nl||vertrouwelijkheid is bij ons het uitgangspunt, zegt de nieuwe website 😄
nl||die cijfers zijn voor intern gebruik bedoeld, niet voor de nieuwsbrief

# ---------------------------------------------------------------- not ip.codename (one word of a multi-word name)
en||bluefin tuna at the sushi place was amazing 🍣
en||ah the halcyon days of zero rates 😅
nl||okapi gezien in Artis met de kids
en||Mistral released a new model, anyone tried it yet?
en||saltmarsh lamb on the menu at the client dinner
en||a copperhead is a snake right? my kid insists
nl||operatie geslaagd, patiënt leeft nog 😂
en||project plan for the office move is on confluence
en||key takeaways from the offsite are in the deck
nl||nachtegaal in de tuin vanochtend, om 5 uur al 😴
en||the Brightwater hotel is fully booked, trying another one
en||the glasshouse restaurant in {city} is great for client dinners
en||found driftwood on the beach at Zandvoort, the kids loved it
en||solstice is on the 21st, longest day of the year
en||cobalt blue for the new slide template?
en||an ember from the bbq set off the smoke alarm lol
en||the delta between the two reports is {amount}
en||echo in the big meeting room is awful
en||the orchard behind the office sells apples on saturdays
en||Tidewater is the fund admin's new platform, demo {day}
nl||de sable stoelen vallen tegen in het echt
nl||okapi, giraffe, zebra: de dierentuinquiz was leuk

# ---------------------------------------------------------------- not ip.source_code
en||run `git pull --rebase` before you push
nl||gebruik `kubectl get pods -n recon` om te kijken of hij draait
en||the bug is in settlement_report.py around line 212
en||call `normalise_account()` before you validate, otherwise the spaces break it
en||the function loops over all trades, sums the notional per desk and then divides by the count
nl||de query pakt alle orders van gisteren en groepeert ze per klant, verder niks spannends
en||config for the job:\n```json\n{{\n  "desk": "rates",\n  "limit": 5000000,\n  "alerts": true\n}}\n```
en||```yaml\nreplicas: 3\nimage: pricing:1.4.2\nresources:\n  limits:\n    memory: 512Mi\n```
nl||.env voor lokaal:\nLOG_LEVEL=debug\nFEATURE_NEW_BLOTTER=true\nREGION=eu-west-1
en||logs from last night:\n2024-06-11 02:14:07 ERROR [recon] timeout after 30s\n2024-06-11 02:14:08 WARN retrying (1/3)\n2024-06-11 02:14:40 INFO done
nl||```\ndate,desk,pnl\n2024-06-10,rates,12000\n2024-06-10,fx,-3400\n```
en||cron is 0 6 * * 1-5, so weekdays at 6
en|mention|anyone read a good book on clean code? reading group idea
nl||in {repo} staat een Makefile, draai gewoon make test

# ---------------------------------------------------------------- not conduct.profanity
en||we're playing Scunthorpe away on saturday ⚽
en||my assistant will send the invite
en||business class was full so economy it is
nl||weekendje Sussex met de schoonfamilie
en||the therapist recommended more walks, so I take the stairs now
nl||cocktailavond bij de kerstborrel 🍸
en||grape juice for the non-drinkers at the party
en||Arsenal won again, {name} is unbearable today
nl||Dick Advocaat is weer ergens bondscoach lol
en||conference in Budapest in {month}, anyone been?
nl||kleine verbetering doorgevoerd in het dashboard
nl||mijn oom heeft kanker, ik ben {dag} vrij voor het ziekenhuisbezoek
nl||tyfus is een infectieziekte, je hebt een vaccin nodig voor die reis
nl||mijn moeder is genezen verklaard van borstkanker 🙏
en|mention|code of conduct reminder: no swearing in client channels please
nl|mention|we houden het netjes in dit kanaal, geen gevloek graag
en||Dickens is on the book club list this month
en||the analyst class of {year} starts in september
nl||tering was vroeger het woord voor tuberculose, las ik net

# ---------------------------------------------------------------- not conduct.harassment
en||I'm such an idiot, forgot the attachment again 🙈
nl||ik ben echt een sukkel, verkeerde versie gestuurd
en||this printer is useless
nl||wat een waardeloze app is dit zeg
en||dumb question maybe, but where's the readme for {repo}?
en||stupid laptop won't charge
nl||de koffieautomaat is echt debiel vandaag
en||great job {name}, you're a legend
en||I'm the biggest loser at padel, lost 0-6 0-6 😂
nl||voel me een dombo, stond een uur in de verkeerde zaal
en||this spreadsheet is a disaster, who built it in 2009?

# ---------------------------------------------------------------- not conduct.threat
en||this deadline is killing me
en||we killed it at the demo 🎉
en||I could murder a pizza right now
en||kill -9 the stuck worker on recon-02 pls
en||we're killing the old feature flag next sprint
nl||kun je de nachtjob killen? hij hangt al uren
en||I'll hunt down whoever broke the build, with cake 🎂
en||shoot me a message when you're free
nl||ik ga dood van de hitte hier op de 5e
en||the server died again
nl||die presentatie heb je echt gesloopt, in de goede zin 🔥
en||watch out, the floor by the kitchen is wet
nl||ik vermoord die koffieautomaat nog eens 😂
en||we'll crush the {q} targets
nl||kijk uit met de nieuwe draaideur, ik liep er al tegenaan
en||my kids will kill me if I miss the school play

# ---------------------------------------------------------------- not compliance.off_channel
en||the WhatsApp integration for {client}'s customer service goes live {day}
nl||de WhatsApp Business koppeling voor {client} staat op acceptatie
en|mention|policy reminder: no client business on WhatsApp, Signal or personal email. Use Teams
nl|mention|volgens het beleid mag klantcontact niet via WhatsApp of privémail
en||delete the old branch after the merge pls
nl||kun je de oude feature branch verwijderen?
en||Teams call at {time}? I'll send the link
en||let's take this offline, I'll grab you after standup
nl||laten we dit offline bespreken, morgen even 1-op-1
en||the buy signal on the moving average was a false alarm
nl||het signaal van de sensor in de serverruimte valt steeds weg
en||delete the duplicate rows from the staging table and rerun
nl||verwijder de dubbele regels uit de export en stuur hem opnieuw
en||my phone died, joining the Teams call from my laptop
en||telegram from the 1920s found in the archive, pretty cool

# ---------------------------------------------------------------- not compliance.insider_info
en||{client} published FY results this morning, beat consensus by {pct}
nl||het persbericht van {client} staat online, koers +4%
en||the merger was announced today, it's all over the FT
en|mention|you're on the insider list for the {client} deal, read the memo from compliance pls
nl|mention|gesloten periode begint {date}, geen handel in eigen aandelen
en|mention|reminder: closed period for ODK shares starts {date}
nl|mention|voorkennis is strafbaar, zie het handelsreglement op intranet
en|mention|the AFM fined a trader for insider dealing last year, good read
nl||de kwartaalcijfers van {client} zijn vanochtend gepubliceerd, mooi resultaat
en||{client}'s capital markets day is on {date}, public webcast

# ---------------------------------------------------------------- not compliance.front_running
en||front-end deploy done ✅
en||we're running ahead of schedule for once 🎉
en|mention|compliance training on front running due {date}, takes 30 min
en|mention|client orders always go before prop flow, that's the rule
en||the block trade for {client} printed at 10:02, it's all public now
nl||order van {client} gevuld, 500k tegen VWAP
nl||ik loop voor op schema met de rapportage
en||buy the dip lol, said every retail investor ever
nl|mention|front running is verboden, ook via je partner of familie
en||the desk worked {client}'s order in three slices to limit the impact
""")
