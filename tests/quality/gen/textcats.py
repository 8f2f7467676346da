"""Positives for the IP, conduct and compliance categories.

Each entry is (lang, labels, template). [[word]] marks the word an obfuscated rendering
disguises (look-alike letters, leetspeak, zero-width characters, spaced or dashed letters,
case mixes); the assembler renders marked entries both plainly and obfuscated.
"""
import os

from . import fill as F

_HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(_HERE, "..", "codenames.txt"), encoding="utf-8") as _f:
    CODENAMES = [line.strip() for line in _f if line.strip()]


def codename(rng):
    term = rng.choice(CODENAMES)
    return rng.choice([term, term, term, term.lower(), term.upper()])


def codename_obf(rng):
    words = rng.choice(CODENAMES).split(" ")
    at = max(range(len(words)), key=lambda i: len(words[i]))  # disguise the distinctive word
    words[at] = rng.choice([F.leet, F.cyrillic, F.zero_width, F.spaced_letters, F.case_mix])(
        rng, words[at])
    return " ".join(words)


SLOTS = {"codename": codename, "codename2": codename, "codename_obf": codename_obf}

MK = ["ip.confidential_marking"]
CN = ["ip.codename"]
SC = ["ip.source_code"]
PR = ["conduct.profanity"]
HA = ["conduct.harassment"]
TH = ["conduct.threat"]
OC = ["compliance.off_channel"]
II = ["compliance.insider_info"]
FR = ["compliance.front_running"]

ENTRIES = [
    # ---- confidential markings
    ("en", MK, "[[CONFIDENTIAL]] — {q} board pack, final draft attached. Please review before {day}."),
    ("en", MK, "STRICTLY [[CONFIDENTIAL]]\nDraft term sheet for the {client} acquisition, v3"),
    ("en", MK, "Internal use only: updated price list for next year, effective 1 {month}"),
    ("en", MK, "NOT FOR DISTRIBUTION — salary bands 2025 (draft)"),
    ("nl", MK, "[[VERTROUWELIJK]]: reorganisatieplan afdeling {team}, concept 2"),
    ("nl", MK, "Strikt [[vertrouwelijk]] — overzicht ontslagen per team, niet doorsturen"),
    ("nl", MK, "Alleen voor intern gebruik: nieuwe tarieven {client} per 1 {maand}"),
    ("en", MK, "Embargoed until 08:00 CET {date}: Oosterdok Capital reports record first half"),
    ("en", MK, "Subject: [[CONFIDENTIAL]] - headcount reduction scenarios\n\nHi all, see the three scenarios below..."),
    ("nl", MK, "*[[VERTROUWELIJK]]* Notulen RvC {date}"),
    ("en", MK, "Classification: [[Confidential]]. Attached is the due diligence summary for the target."),
    ("en", MK, "INTERNAL USE ONLY\nIncident report {ticket}: customer data exposure in the export service"),
    ("nl", MK, "ALLEEN VOOR INTERN GEBRUIK – conceptbegroting 2025"),
    ("en", MK, "--- STRICTLY CONFIDENTIAL ---\nLitigation strategy memo, privileged"),
    ("en", MK, "Not for distribution: draft results presentation for the analyst call"),
    ("en", MK, "[[CONFIDENTIAL]] {client} pricing proposal, do not forward"),
    ("nl", MK, "[[Vertrouwelijk]] - beoordelingen Q2 team {team}"),
    ("en", MK, "EMBARGOED UNTIL {date} 07:00 — press release text below"),
    # ---- codenames
    ("en", CN, "{codename} launch moved to {month}, tell the team"),
    ("en", CN, "Status update {codename}: integration tests green, pen test next week"),
    ("nl", CN, "Update {codename}: due diligence is rond, we wachten op de bank"),
    ("en", CN, "Can we keep {codename} out of the all-hands slides?"),
    ("nl", CN, "Wie zit er allemaal in het {codename}-team?"),
    ("en", CN, "Budget for {codename} got approved, {amount} for phase 1"),
    ("en", CN, "{codename} standup at {time} in {room}"),
    ("nl", CN, "Planning van {codename} loopt twee weken uit"),
    ("en", CN, "Is {codename} the same thing as {codename2} or a different deal?"),
    ("en", CN, "hiring two contractors for {codename}, don't post the role publicly"),
    ("nl", CN, "Klantdemo van {codename} staat op {dag}"),
    ("en", CN, "Retro for {codename} is in the doc, lots of learnings"),
    ("nl", CN, "{codename} is on hold tot na de zomer"),
    ("en", CN, "The {codename} data room opens {day}"),
    ("en", CN, "anyone know who owns the {codename} budget line?"),
    ("nl", CN, "Nieuwe naam voor het {codename} dashboard?"),
    ("en", CN, "Reminder: {codename} docs live in the restricted folder"),
    ("en", CN, "{codename_obf} kickoff moved to {day}"),
    ("nl", CN, "status {codename_obf}: loopt op schema"),
    ("en", CN, "Who's presenting {codename_obf} to the board?"),
    ("nl", CN, "Vergeet de {codename_obf} deadline niet"),
    ("en", CN, "writing it like {codename_obf} so the search doesn't find it lol"),
    ("nl", CN, "{codename_obf} gaat door, contract is getekend"),
    ("en", CN, "the {codename_obf} numbers look better than expected"),
    ("nl", CN, "Wie heeft de slides van {codename_obf}?"),
    ("en", CN, "{codename_obf}"),
    ("en", CN, "Weekly update from the strategy team\n\nMost of the week went into the {q} planning cycle. The finance model is updated with the new cost base and we sent the first version to the board secretary.\n\nOn the partnerships side, two calls with {client} and a workshop with our own sales team about the renewal pipeline. Nothing unusual there.\n\n{codename}: the second round of talks went well, legal is drafting the heads of terms and we expect a decision on exclusivity in {month}.\n\nNext week: more planning, and I'm off on Friday."),
    # ---- source code
    ("en", SC, "This is the bit that breaks:\n```python\ndef total(lines):\n    amount = 0\n    for line in lines:\n        amount += line.price * line.qty\n    return round(amount, 2)\n```"),
    ("en", SC, "```sql\nSELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= '2024-01-01'\nGROUP BY c.id, c.name;\n```"),
    ("nl", SC, "Kijk eens naar deze functie, volgens mij klopt de afronding niet:\n```java\npublic BigDecimal vat(BigDecimal net) {\n    return net.multiply(RATE).setScale(2, RoundingMode.HALF_UP);\n}\n```"),
    ("en", SC, "```go\nfunc (s *Server) Handle(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, \"method\", 405)\n\t\treturn\n\t}\n\ts.queue <- r\n}\n```"),
    ("en", SC, "SELECT id, email_hash, status\nFROM accounts\nWHERE status = 'locked'\nORDER BY updated_at DESC;"),
    ("nl", SC, "Deze query is traag:\nSELECT *\nFROM facturen f\nLEFT JOIN regels r ON r.factuur_id = f.id\nWHERE f.jaar = 2024;"),
    ("en", SC, "import pandas as pd\n\ndf = pd.read_csv(\"export.csv\")\ndf = df[df.amount > 0]\nprint(df.groupby(\"region\").amount.sum())"),
    ("en", SC, "```js\nexport function debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}\n```"),
    ("en", SC, "```cpp\nint Parse(std::string_view s) {\n  int n = 0;\n  for (char c : s) {\n    if (c < '0' || c > '9') return -1;\n    n = n * 10 + (c - '0');\n  }\n  return n;\n}\n```"),
    ("nl", SC, "Zo heb ik het opgelost:\n```python\nimport requests\n\nresp = requests.get(url, timeout=10)\nresp.raise_for_status()\ndata = resp.json()\n```"),
    ("en", SC, "```bash\n#!/usr/bin/env bash\nset -euo pipefail\nfor f in data/*.csv; do\n  gzip -9 \"$f\"\ndone\n```"),
    ("en", SC, "class InvoiceRepository {\n  constructor(db) { this.db = db; }\n  async byId(id) { return this.db.query('SELECT * FROM invoices WHERE id = $1', [id]); }\n}"),
    ("nl", SC, "```csharp\npublic class RetryPolicy\n{\n    public int MaxAttempts { get; set; } = 5;\n    public TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));\n}\n```"),
    ("en", SC, "our pricing engine core, for the new joiner:\n```python\ndef price(order, tier):\n    base = sum(i.list_price for i in order.items)\n    discount = TIER_DISCOUNTS.get(tier, 0)\n    return base * (1 - discount)\n```"),
    ("en", SC, "```rust\nfn checksum(data: &[u8]) -> u32 {\n    data.iter().fold(0u32, |acc, b| acc.wrapping_mul(31).wrapping_add(*b as u32))\n}\n```"),
    ("nl", SC, "UPDATE klanten\nSET segment = 'zakelijk'\nWHERE kvk IS NOT NULL;\nCOMMIT;"),
    ("en", SC, "```kotlin\nfun main() {\n    val items = listOf(3, 1, 2)\n    println(items.sorted().joinToString())\n}\n```"),
    ("en", SC, "def handler(event, context):\n    body = json.loads(event[\"body\"])\n    if not body.get(\"id\"):\n        return {\"statusCode\": 400}\n    return {\"statusCode\": 200}"),
    ("nl", SC, "```ts\ninterface Klant {\n  id: number;\n  naam: string;\n}\nconst sorteer = (k: Klant[]) => k.sort((a, b) => a.naam.localeCompare(b.naam));\n```"),
    ("en", SC, "```php\n<?php\nfunction vat($net) {\n    return round($net * 0.21, 2);\n}\necho vat(100);\n```"),
    ("en", SC, "the matching algorithm from the {repo} repo, don't share outside:\n```python\ndef match(a, b):\n    score = jaccard(a.tokens, b.tokens)\n    if a.country != b.country:\n        score *= 0.5\n    return score > THRESHOLD\n```"),
    ("en", SC, "#include <stdio.h>\nint main(void) {\n    printf(\"hello\\n\");\n    return 0;\n}"),
    # ---- profanity
    ("en", PR, "[[fuck]], the build is broken again"),
    ("en", PR, "this is such [[bullshit]], the vendor changed the API without telling anyone"),
    ("en", PR, "Oh [[shit]], I just deployed to prod instead of staging"),
    ("en", PR, "what the [[fuck]] happened to the dashboard"),
    ("en", PR, "[[fucking]] printer jammed again"),
    ("en", PR, "holy [[shit]] the numbers are good this month"),
    ("en", PR, "Goddamn traffic, I'll be 20 minutes late"),
    ("en", PR, "this [[shitty]] laptop crashed during the demo"),
    ("nl", PR, "[[kut]], mijn trein is weer uitgevallen"),
    ("nl", PR, "[[Klote]] dag, alles gaat mis"),
    ("nl", PR, "[[godverdomme]], weer een storing"),
    ("nl", PR, "wat een [[tering]] weer vandaag"),
    ("nl", PR, "[[tyfus]] zooi, die nieuwe VPN doet het niet"),
    ("nl", PR, "[[kanker]] traag die laptop"),
    ("nl", PR, "Verdomme, ik ben mijn pasje vergeten"),
    ("nl", PR, "[[shit]], de deadline is vandaag al"),
    ("nl", PR, "[[fuck]] die release, morgen weer een dag"),
    ("nl", PR, "[[kolere]], de koffieautomaat is weer stuk"),
    ("nl", PR, "Wat een [[klote]] meeting was dat"),
    ("en", PR, "fuuuuck, forgot my laptop charger at home", ["obfuscated"]),
    ("en", PR, "f*ck this migration honestly", ["obfuscated"]),
    ("nl", PR, "k*t, verkeerde kanaal", ["obfuscated"]),
    # ---- harassment (aimed at a person)
    ("en", HA, "@{name} you're a useless [[idiot]], how many times do I have to explain this"),
    ("nl", HA, "wat ben jij een [[sukkel]] zeg @{name}"),
    ("en", HA, "Nobody wants you on this team {name}, you're pathetic"),
    ("en", HA, "shut up {name}, you [[moron]]"),
    ("nl", HA, "@{name} je bent echt een waardeloze [[eikel]]"),
    ("nl", HA, "{name} is zo'n domme [[trut]], snapt er helemaal niks van"),
    ("en", HA, "Nice legs today {name}, you should wear that skirt more often 😏"),
    ("en", HA, "everyone knows {name} only got promoted because she sleeps with the boss"),
    ("nl", HA, "Lekker ding die nieuwe stagiaire, ik zou haar wel willen 'inwerken' 😉"),
    ("nl", HA, "@{name} doe niet zo [[mongool]], lees gewoon de ticket"),
    ("en", HA, "{name} is too stupid to be trusted with anything, we should just ignore her"),
    ("en", HA, "you're an embarrassment to this company @{name}"),
    ("nl", HA, "Jij bent echt te dom om te poepen {name}"),
    ("en", HA, "@{name} your work is garbage and so are you"),
    ("nl", HA, "Niemand mag jou hier {name}, waarom ga je niet gewoon weg"),
    ("en", HA, "{name} is such a [[loser]], look at that presentation lol"),
    ("nl", HA, "Met die dikke kont van {name} past ze niet eens in de lift haha"),
    ("en", HA, "what a [[retard]], {name} broke prod again"),
    # ---- profanity and harassment together
    ("en", PR + HA, "@{name} you [[fucking]] idiot, you deleted the whole folder"),
    ("nl", PR + HA, "{name} is echt een [[kankerlijer]]"),
    ("en", PR + HA, "{name} is a lazy piece of [[shit]]"),
    ("nl", PR + HA, "hou je bek {name}, [[kutwijf]]"),
    ("en", PR + HA, "shut the fuck up {name}, nobody asked you"),
    ("nl", PR + HA, "{name} is een [[klootzak]], echt waar"),
    # ---- threats
    ("en", TH, "If you go to HR about this I will [[hurt]] you"),
    ("nl", TH, "Als je dit nog een keer doet [[maak]] ik je [[kapot]]"),
    ("en", TH, "Watch your back {name}"),
    ("nl", TH, "Ik weet waar je woont {name}"),
    ("en", TH, "you'd better watch out on your way home tonight"),
    ("en", TH, "One more complaint and I'll [[break]] your legs, I'm serious"),
    ("nl", TH, "ik sla je [[verrot]] als je me nog een keer verlinkt"),
    ("nl", TH, "Ik wacht je straks op bij de parkeergarage, dan praten we verder"),
    ("en", TH, "report me and you'll regret it, I know where your kids go to school"),
    ("en", TH, "I'm going to [[punch]] you in the face next time I see you"),
    ("nl", TH, "Pas maar op, straks gebeurt er iets met je auto"),
    ("nl", TH, "ik [[steek]] je lek als je dit doorvertelt"),
    ("en", TH, "keep talking and you'll end up in hospital"),
    ("en", TH, "{name}, I swear I'll [[kill]] you if you tell anyone"),
    ("nl", TH, "Als je mij ontslaat weet ik je te vinden"),
    ("en", TH + PR, "I'll fucking [[kill]] you if you touch my code again"),
    ("nl", TH + PR + HA, "ik maak je kapot, [[kankerhoer]]"),
    # ---- off-channel
    ("en", OC, "let's take this to [[WhatsApp]], too many eyes in here"),
    ("en", OC, "text me on my personal phone instead"),
    ("en", OC, "Use [[Signal]] for this, not Slack"),
    ("en", OC, "delete this message after you've read it"),
    ("nl", OC, "stuur maar via [[WhatsApp]], dan ziet compliance het niet"),
    ("nl", OC, "Bel me op mijn [[privénummer]], niet op de zakelijke lijn"),
    ("nl", OC, "verwijder dit bericht na lezen"),
    ("en", OC, "switch to [[Telegram]] for the pricing chat, compliance reads this"),
    ("en", OC, "send it to my gmail instead of my work address"),
    ("en", OC, "I've turned on disappearing messages on [[Signal]], ping me there"),
    ("nl", OC, "Laten we dit verder op [[WhatsApp]] bespreken"),
    ("en", OC, "don't put that in writing here, call me on my own mobile"),
    ("nl", OC, "App me even op mijn eigen telefoon, niet hier"),
    ("en", OC, "Can you wipe this thread? Shouldn't have posted that here"),
    ("nl", OC, "Gooi dit kanaal leeg voor de audit, graag vandaag nog"),
    ("en", OC, "continue on iMessage? this channel is archived"),
    ("nl", OC, "stuur de details naar mijn privémail, niet naar het werkadres"),
    ("en", OC, "move the client chat to [[WhatsApp]], they prefer it and it's not recorded"),
    ("nl", OC, "Zet die spreadsheet maar in onze [[Signal]]-groep"),
    ("en", OC, "Please delete your messages about the {client} deal from this channel"),
    ("en", OC, "WeChat me the numbers, not here"),
    ("nl", OC, "Even via [[Telegram]], dit kanaal wordt bewaard"),
    ("en", OC + ["pii.phone"], "just text my private number {phone_nl}, not the work one"),
    ("nl", OC + ["pii.phone"], "Bel me op mijn privénummer {phone_nl}, niet via Teams"),
    ("en", OC + CN, "let's discuss {codename} on [[WhatsApp]], not here"),
    # ---- insider information
    ("en", II, "don't tell anyone but the [[merger]] is announced Monday, buy now"),
    ("en", II, "results are way above guidance, not public yet 🤫 might be a good week to buy"),
    ("nl", II, "Ik heb [[voorkennis]] over de overname, koop nu aandelen {client} voor het bekend wordt"),
    ("en", II, "Heard from the deal team that {client} is being acquired at a 30% premium next week, load up"),
    ("en", II, "The profit warning comes out Thursday, sell your shares before then"),
    ("nl", II, "Mijn zwager werkt bij {client}, de cijfers worden slecht. Verkoop je aandelen voor dinsdag"),
    ("en", II, "Not public yet but we lost our biggest contract, I'd dump the shares today"),
    ("en", II, "any word on the takeover before it's announced? want to position myself"),
    ("nl", II, "Niet verder vertellen: de kwartaalcijfers zijn veel beter dan verwacht, ik koop morgen bij"),
    ("en", II, "Between us, the dividend cut is decided, it'll be announced after close Friday. Get out now"),
    ("nl", II, "De overname van {client} wordt maandag bekendgemaakt, nu nog goedkoop instappen"),
    ("en", II, "The FDA approval came in this morning, press release is tomorrow. Calls are cheap today"),
    ("en", II, "I saw the draft results, EPS way above consensus, nothing's out yet. Buying"),
    ("nl", II, "Onze omzet valt tegen, nog niet gepubliceerd, ik heb mijn opties alvast verkocht"),
    ("en", II, "tip: {client} will announce a buyback on Tuesday, not public, you didn't hear it from me"),
    ("nl", II, "De fusie gaat door, officieel pas volgende week. Koop je nu, dan zit je goed"),
    ("en", II, "our [[insider]] list says I can't trade, so can you buy for me before the announcement?"),
    ("en", II, "[[Acquisition]] of {client} gets announced Tuesday, not public yet — buy today"),
    ("nl", II, "Koop nu, de [[overname]] wordt pas vrijdag openbaar"),
    ("en", II, "the [[earnings]] are terrible and nobody outside knows yet, sell before the release"),
    ("nl", II, "Met de [[cijfers]] die ik vandaag zag (nog niet openbaar) zou ik mijn aandelen verkopen"),
    ("en", II, "n0t public yet: the t4keover is signed, buy before Monday", ["obfuscated"]),
    ("nl", II, "v o o r k e n n i s: de overname komt maandag, koop vandaag nog", ["obfuscated"]),
    ("en", II + CN, "{codename} is the acquisition of {client}, announcement Monday — buy before then"),
    # ---- front running
    ("en", FR, "buy for my own account before the client order goes through"),
    ("en", FR, "get in before the block trade, it'll move the price"),
    ("en", FR, "Client wants 500k shares at market this afternoon, put my personal order in first"),
    ("nl", FR, "Zet mijn eigen order er even voor, de klantorder komt om 3 uur"),
    ("en", FR, "We know the pension fund is selling 2 million shares tomorrow, short it today on the PA account"),
    ("nl", FR, "Voor de grote order van de klant eerst zelf inkopen, daarna pas de klant uitvoeren"),
    ("en", FR, "hold the client's order for ten minutes while I fill mine"),
    ("nl", FR, "Laat de order van het fonds even liggen tot mijn privé-aankoop rond is"),
    ("en", FR, "The desk is buying a big block for {client} at 14:00, I'm buying the same stock now on my wife's account"),
    ("en", FR, "[[front-run]] the fund's sell order, we'll cover after it's done"),
    ("nl", FR, "Klant wil morgen 300.000 stuks kopen, ik neem er vandaag vast wat voor mezelf"),
    ("en", FR, "Before we execute the firm's buyback order, let me get some for my own book"),
    ("nl", FR, "Eerst onze eigen positie opbouwen, daarna de order van de klant in de markt zetten"),
    ("en", FR, "execute my PA trade ahead of the client's block, same ticker"),
    ("nl", FR, "wacht met de klantorder tot ik zelf gekocht heb"),
    ("en", FR, "client is about to dump their whole position, sell ours first"),
    ("en", FR, "put my [[personal]] buy in ahead of the client block, then release theirs"),
    ("nl", FR, "Koop eerst voor mijn [[eigen]] rekening, de klantorder gaat pas om 4 uur de markt in"),
    ("en", FR, "the fund's [[order]] hits at noon, I'm getting in before it on my PA"),
    ("nl", FR, "[[Voorlopen]] op de order van de klant: ik zet er nu een koop voor mezelf in"),
    ("en", FR, "bуy for my own accоunt first, client order goes in after lunch", ["obfuscated"]),
    ("nl", FR, "eerst m1jn eigen 0rder, dan pas die van de klant", ["obfuscated"]),
    ("en", FR + OC, "client order comes at 3, buy yours first — and let's discuss on [[WhatsApp]]"),
    # ---- other mixes
    ("en", MK + CN, "[[CONFIDENTIAL]] — {codename} steering committee minutes, {date}"),
    ("nl", MK + CN, "[[VERTROUWELIJK]] {codename}: biedingsstrategie en tijdlijn"),
    ("en", MK + SC, "INTERNAL USE ONLY\n```python\ndef risk_score(trade):\n    return trade.notional * VOL[trade.ticker] / LIMIT\n```"),
    ("en", CN + SC, "{codename} scoring model, don't share:\n```python\ndef score(x):\n    return 0.7 * x.margin + 0.3 * x.growth\n```"),
    ("en", PR + OC, "fuck it, just send it on [[WhatsApp]]"),
]
