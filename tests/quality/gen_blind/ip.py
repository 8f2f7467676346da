"""Positive templates, company information (ip.*): markings, codenames, pasted code.
Code is never disguised. Format: see common.parse; CODE holds the pasted-code entries."""
from .common import parse

ENTRIES = parse(r"""
# ---------------------------------------------------------------- ip.confidential_marking
en|ip.confidential_marking|o|STRICTLY [[CONFIDENTIAL]] — {client} board pack {q}, do not forward\nnet debt down {pct}, covenant headroom tight
en|ip.confidential_marking|o|[[CONFIDENTIAL]]\nDraft term sheet {client} – v{n}\nEV/EBITDA range {n}x to 1{n}x
en|ip.confidential_marking|o|Classification: [[Internal]] use only\nAgenda ALCO {date}:\n1. liquidity buffer\n2. {client} exposure\n3. AOB
en|ip.confidential_marking|o|NOT FOR [[DISTRIBUTION]] – {q} pipeline overview attached, see tab 3
en|ip.confidential_marking|o|[[Embargoed]] until {date} 07:00 CET: {client} full-year summary below, pls prep the client note
en|ip.confidential_marking|-|*** CONFIDENTIAL *** salary bands {year} attached, HR + MT only
en|ip.confidential_marking|-|fwd: "CONFIDENTIAL – DRAFT – {client} restructuring memo" see attachment
en|ip.confidential_marking|-|Company Confidential | {team} headcount plan {year}
en|ip.confidential_marking|o|Draft – [[Confidential]] – {client} pitch deck v{n}, comments by {day}
en|ip.confidential_marking|-|CONFIDENTIAL: {client} exit scenarios, model attached
en|ip.confidential_marking|-|Embargoed until {day} 07:00 CET – press release {client} partnership (final text)
en|ip.confidential_marking|-|Subject: [CONFIDENTIAL] {q} bonus allocation – first cut
en|ip.confidential_marking|-|INTERNAL USE ONLY – pricing grid {q}, v{n}
nl|ip.confidential_marking|o|[[VERTROUWELIJK]] – concept jaarcijfers {client}, niet doorsturen
nl|ip.confidential_marking|o|Strikt [[vertrouwelijk]]\nNotulen RvC {date}\n- besluit over {client}\n- bonuspot {year}
nl|ip.confidential_marking|o|[[Alleen]] voor intern gebruik: tarievenoverzicht {year} in de bijlage
nl|ip.confidential_marking|-|VERTROUWELIJK | Due diligence rapport {client} v{n}
nl|ip.confidential_marking|-|*Strikt vertrouwelijk* – reorganisatieplan {team}, bespreken we {dag}
nl|ip.confidential_marking|-|Vertrouwelijk – alleen voor geadresseerden\nOfferte {client}: {amount}
nl|ip.confidential_marking|o|Alleen voor intern gebruik – NIET [[VERSPREIDEN]]\nKPI dashboard {maand}, zie bijlage
nl|ip.confidential_marking|-|[STRIKT VERTROUWELIJK] ontslagronde {team}: lijst volgt

# ---------------------------------------------------------------- ip.codename
en|ip.codename|o|status update {cn}: term sheet v3 is with legal
en|ip.codename|o|who's on the {cn} call {day}?
en|ip.codename|-|{cn} kickoff moved to {time}, room {room}
en|ip.codename|-|can we keep {cn} out of the all-hands slides pls
en|ip.codename|o|budget for {cn} approved 🎉
en|ip.codename|o|new joiners on {cn}: {name} and {name2}
en|ip.codename|-|anyone got the latest {cn} model? the one on the drive is from {month}
nl|ip.codename|o|heb jij de data room van {cn} al gezien?
nl|ip.codename|o|wat is de laatste stand van {cn}? {client} belde net
nl|ip.codename|-|{cn} deck v{n} staat op sharepoint
nl|ip.codename|-|{cn_pair} lopen allebei vertraging op
nl|ip.codename|-|reminder: IC over {cn} {dag} om {time}

# ---------------------------------------------------------------- marking and codename
en|ip.confidential_marking ip.codename|o|[[CONFIDENTIAL]] – {cn} steering committee minutes, {date}
nl|ip.confidential_marking ip.codename|-|Strikt vertrouwelijk: {cn} fase 2, businesscase in de bijlage
en|ip.confidential_marking ip.codename|-|INTERNAL USE ONLY\n{cn} — weekly status\n- DD: 80% done\n- SPA: first draft {day}
""")

CODE = [
    ("en", ("ip.source_code",),
     "why does this return None??\n```python\ndef fee(amount, tier):\n    if tier == 'gold':\n"
     "        amount * 0.002\n    return\n```"),
    ("en", ("ip.source_code",),
     "```sql\nSELECT c.name, SUM(t.notional) AS total\nFROM trades t\n"
     "JOIN clients c ON c.id = t.client_id\nWHERE t.trade_date >= '2024-01-01'\nGROUP BY c.name;\n```"),
    ("en", ("ip.source_code",),
     "quick fix for the date bug:\nconst d = new Date(ts);\nif (isNaN(d)) {{ return null; }}\n"
     "return d.toISOString().slice(0, 10);"),
    ("en", ("ip.source_code",),
     "```cpp\ndouble total = 0;\nfor (const auto& p : positions) {{\n  if (p.qty == 0) continue;\n"
     "  total += p.qty * p.px;\n}}\n```"),
    ("en", ("ip.source_code",),
     "```java\npublic BigDecimal vat(BigDecimal net) {{\n"
     "    return net.multiply(new BigDecimal(\"0.21\")).setScale(2, RoundingMode.HALF_UP);\n}}\n```"),
    ("en", ("ip.source_code",),
     "```go\nfunc retry(n int, f func() error) error {{\n\tvar err error\n\tfor i := 0; i < n; i++ {{\n"
     "\t\tif err = f(); err == nil {{\n\t\t\treturn nil\n\t\t}}\n\t}}\n\treturn err\n}}\n```"),
    ("en", ("ip.source_code",),
     "```tsx\nexport function Badge({{ label }}: {{ label: string }}) {{\n"
     "  return <span className=\"badge\">{{label}}</span>;\n}}\n```"),
    ("en", ("ip.source_code",),
     "df = pd.read_csv('positions.csv')\ndf['pnl'] = df.qty * (df.px - df.cost)\n"
     "print(df.groupby('desk').pnl.sum())"),
    ("nl", ("ip.source_code",),
     "kan iemand deze query reviewen?\nSELECT account_id, COUNT(*)\nFROM payments\n"
     "WHERE status = 'FAILED'\nGROUP BY account_id\nHAVING COUNT(*) > 3;"),
    ("en", ("ip.source_code",),
     "```bash\n#!/usr/bin/env bash\nset -euo pipefail\nfor f in exports/*.csv; do\n"
     "  gzip -9 \"$f\"\ndone\n```"),
    ("en", ("ip.source_code",),
     "```csharp\nvar open = orders.Where(o => o.Status == Status.Open).ToList();\n"
     "logger.LogInformation(\"{{Count}} open orders\", open.Count);\n```"),
    ("en", ("ip.source_code",),
     "```rust\nfn mid(bid: f64, ask: f64) -> f64 {{\n    (bid + ask) / 2.0\n}}\n```"),
    ("en", ("ip.source_code",),
     "import requests\nfrom datetime import date\n\nresp = requests.get(URL, timeout=10)\n"
     "resp.raise_for_status()\nrows = resp.json()['rows']"),
    ("nl", ("ip.source_code",),
     "macro die ik gebruik voor de weekrapportage:\nSub Opschonen()\n    Dim r As Long\n"
     "    For r = 2 To 500\n        If Cells(r, 3).Value = \"\" Then Rows(r).Hidden = True\n"
     "    Next r\nEnd Sub"),
    ("en", ("ip.source_code",),
     "```kotlin\nval total = trades.filter {{ it.side == Side.BUY }}.sumOf {{ it.qty }}\nprintln(total)\n```"),
    ("en", ("ip.source_code",),
     "```php\n<?php\n$rows = $db->query('SELECT id FROM users')->fetchAll();\n"
     "foreach ($rows as $r) {{ echo $r['id'] . PHP_EOL; }}\n```"),
    ("nl", ("ip.source_code",),
     "deze snippet faalt op staging:\n```js\nconst res = await fetch(`/api/positions?desk=${{desk}}`);\n"
     "if (!res.ok) throw new Error(res.status);\nconst data = await res.json();\n```"),
    ("en", ("ip.source_code",),
     "```r\nlibrary(dplyr)\ntrades %>%\n  group_by(desk) %>%\n  summarise(pnl = sum(pnl))\n```"),
    ("en", ("ip.source_code",),
     "ran this on acc, 14 rows:\nUPDATE clients\nSET risk_class = 'HIGH'\nWHERE country IN ('KP', 'IR');"),
    ("en", ("ip.source_code",),
     "```py\nclass RateLimiter:\n    def __init__(self, n):\n        self.n = n\n        self.calls = []\n\n"
     "    def allow(self, now):\n        self.calls = [t for t in self.calls if now - t < 1]\n"
     "        return len(self.calls) < self.n\n```"),
    ("nl", ("ip.source_code",),
     "iemand enig idee waarom dit niet compileert?\n```cpp\nstd::map<std::string, int> m;\n"
     "m[\"a\"]++;\nauto it = m.find(\"b\")\nreturn it->second;\n```"),
    ("nl", ("ip.source_code",),
     "mijn eerste python scriptje 😅\nimport os\nfor naam in os.listdir('.'):\n"
     "    if naam.endswith('.pdf'):\n        print(naam)"),
    ("nl", ("ip.source_code",),
     "```\nSELECT * FROM orders WHERE created_at > now() - interval '1 day';\n```"),
    ("en", ("ip.source_code",),
     "```swift\nguard let url = URL(string: base) else {{ return }}\n"
     "let task = URLSession.shared.dataTask(with: url)\ntask.resume()\n```"),
    ("en", ("ip.source_code",),
     "function pct(a, b) {{\n  if (!b) return 0;\n  return Math.round((a / b) * 1000) / 10;\n}}"),
    ("nl", ("ip.source_code",),
     "```python\nfor rij in rijen:\n    rij['bedrag'] = round(rij['bedrag'] * koers, 2)\n```"),
    ("en", ("ip.source_code", "ip.confidential_marking"),
     "```java\n/* STRICTLY CONFIDENTIAL - Oosterdok Capital proprietary pricing */\n"
     "public final class Pricer {{\n  public double price(Bond b) {{ return b.clean() + b.accrued(); }}\n}}\n```"),
    ("nl", ("ip.source_code",),
     "```sql\nWITH laatste AS (\n  SELECT klant_id, MAX(datum) AS d FROM orders GROUP BY klant_id\n)\n"
     "SELECT k.naam, l.d FROM klanten k JOIN laatste l ON l.klant_id = k.id;\n```"),
]
