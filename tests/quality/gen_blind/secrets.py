"""Positive templates, credentials (secret.*). Tokens and key blocks are never disguised;
passwords may be (the keyword is). Format: see common.parse; CODE holds multi-line entries."""
from .common import parse

ENTRIES = parse(r"""
# ---------------------------------------------------------------- secret.aws_key
en|secret.aws_key|-|aws creds for the sandbox: AWS_ACCESS_KEY_ID={aws_ak} AWS_SECRET_ACCESS_KEY={aws_sk}
en|secret.aws_key|-|who committed {aws_ak} to {repo}? 😬 rotating now
en|secret.aws_key|-|use this one for the s3 upload: {aws_ak} / {aws_sk}
en|secret.aws_key|-|[default]\naws_access_key_id = {aws_ak}\naws_secret_access_key = {aws_sk}\nregion = eu-west-1
en|secret.aws_key|-|the old access key {aws_ak} is still active in prod, pls deactivate
en|secret.aws_key|-|aws_secret_access_key: {aws_sk}
en|secret.aws_key|-|{name} pls put {aws_ak} in the vault instead of on the wiki page
en|secret.aws_key|-|GuardDuty alert: {aws_ak} used from an unknown IP at 03:12
en|secret.aws_key|-|aws_secret_access_key = {aws_sk}   # reporting user
en|secret.aws_key|-|for {client}'s migration we got a temp key {aws_ak}, expires {day}
nl|secret.aws_key|-|de key voor de backup bucket is {aws_ak}, secret stuur ik zo
nl|secret.aws_key|-|Access key ID {aws_ak} hoort bij de terraform user, niet weggooien
nl|secret.aws_key|-|kun je {aws_ak} even checken in IAM? lijkt een oude
nl|secret.aws_key|-|ci faalt, AWS key {aws_ak} is disabled. nieuwe aanvragen?
nl|secret.aws_key|-|keys voor de data-lake: {aws_ak} + {aws_sk}
nl|secret.aws_key|-|AKIA key in de logs gevonden 🙄 {aws_ak}

# ---------------------------------------------------------------- secret.gcp_key
en|secret.gcp_key|-|maps api key for the office page: {gcp}
en|secret.gcp_key|-|GOOGLE_API_KEY={gcp}
en|secret.gcp_key|-|the firebase config has apiKey {gcp}, is that one restricted?
en|secret.gcp_key|-|someone pasted {gcp} in #general, revoking it
en|secret.gcp_key|-|youtube data api: {gcp} (quota 10k/day)
en|secret.gcp_key|-|key={gcp} is in the url, that's why it ended up in the access logs
en|secret.gcp_key|-|the key in the android manifest is {gcp}
en|secret.gcp_key|-|api key (google): {gcp}
en|secret.gcp_key|-|{name} can you restrict {gcp} to our referrers?
nl|secret.gcp_key|-|gebruik {gcp} voor de geocoding test, niet voor prod
nl|secret.gcp_key|-|nieuwe key voor de Sheets-koppeling: {gcp}
nl|secret.gcp_key|-|Translate API key voor het {client}-project: {gcp}
nl|secret.gcp_key|-|heb de gcp key vervangen door {gcp}, oude staat uit
nl|secret.gcp_key|-|places autocomplete werkt weer met {gcp}
nl|secret.gcp_key|-|curl "https://maps.googleapis.com/maps/api/geocode/json?address=Utrecht&key={gcp}" geeft REQUEST_DENIED, iemand een idee?

# ---------------------------------------------------------------- secret.azure_key
en|secret.azure_key|-|storage conn string for the export job: {azconn}
en|secret.azure_key|-|AccountKey={azure} is still in the old appsettings, pls rotate
en|secret.azure_key|-|AZURE_STORAGE_CONNECTION_STRING="{azconn}"
en|secret.azure_key|-|the function app uses {azconn}
en|secret.azure_key|-|key1 from the portal: AccountKey={azure}
en|secret.azure_key|-|test storage account (not prod): {azconn}
en|secret.azure_key|-|SAS didn't work so I used the account key: AccountKey={azure}
en|secret.azure_key|-|the logs dump the whole conn string: {azconn}
en|secret.azure_key|-|for the Data Factory linked service: {azconn}
nl|secret.azure_key|-|nieuwe connection string voor blob: {azconn}
nl|secret.azure_key|-|iemand heeft {azconn} op de wiki gezet 🙈
nl|secret.azure_key|-|zet dit in keyvault aub: {azconn}
nl|secret.azure_key|-|AccountKey={azure};EndpointSuffix=core.windows.net — dat is de tweede key
nl|secret.azure_key|-|{name}: connectionstring voor het archief van {client}: {azconn}
nl|secret.azure_key|-|kan iemand bevestigen dat deze nog werkt? {azconn}

# ---------------------------------------------------------------- secret.github_token
en|secret.github_token|-|PAT for the release bot: {ghp}
en|secret.github_token|-|GITHUB_TOKEN={ghp} (only for the mirror job)
en|secret.github_token|-|my fine-grained token {ghpat} expires {day}, who can renew
en|secret.github_token|-|dependabot secret updated to {ghp}
en|secret.github_token|-|export GH_TOKEN={ghp}
en|secret.github_token|-|token for the packages registry: {ghp}
en|secret.github_token|-|if anyone needs read access to {repo} use {ghpat} for now
en|secret.github_token|-|push protection blocked {ghp} lol, so it's a real one
en|secret.github_token|-|oauth debug output: access_token={ghp}
nl|secret.github_token|-|deze token mag weg: {ghp}
nl|secret.github_token|-|CI gebruikt nu {ghpat}, oude PAT is ingetrokken
nl|secret.github_token|-|kun je {ghp} toevoegen als secret in de repo settings?
nl|secret.github_token|-|nieuwe PAT voor de rotatie van de deploy keys: {ghpat}
nl|secret.github_token|-|github token van de bot: {ghp}
nl|secret.github_token|-|{ghp} ← die staat in de README van {repo}, graag intrekken

# ---------------------------------------------------------------- secret.gitlab_token
en|secret.gitlab_token|-|gitlab token for the runner: {glpat}
en|secret.gitlab_token|-|GITLAB_TOKEN={glpat}
en|secret.gitlab_token|-|use {glpat} for the api calls to our self-hosted gitlab
en|secret.gitlab_token|-|PRIVATE-TOKEN: {glpat}
en|secret.gitlab_token|-|{name} pls revoke {glpat}, it was visible in the screenshot
en|secret.gitlab_token|-|personal access token (gitlab): {glpat}
en|secret.gitlab_token|-|docker login registry.gitlab.com -u ci -p {glpat}
en|secret.gitlab_token|-|for the renovate bot: {glpat}
nl|secret.gitlab_token|-|de glpat voor de mirror: {glpat}
nl|secret.gitlab_token|-|token verloopt {dag}, de nieuwe is {glpat}
nl|secret.gitlab_token|-|hier is de token voor de pipeline trigger: {glpat}
nl|secret.gitlab_token|-|gitlab api token {glpat} (scope read_api)
nl|secret.gitlab_token|-|oude token {glpat} geeft 401
nl|secret.gitlab_token|-|mag ik {glpat} gebruiken voor het backup script?
nl|secret.gitlab_token|-|token={glpat}

# ---------------------------------------------------------------- secret.slack_token
en|secret.slack_token|-|bot token for the standup bot: {xoxb}
en|secret.slack_token|-|SLACK_BOT_TOKEN={xoxb}
en|secret.slack_token|-|my user token (for the export script): {xoxp}
en|secret.slack_token|-|revoke {xoxb} pls, it's in a public repo
en|secret.slack_token|-|Authorization: Bearer {xoxb}
en|secret.slack_token|-|the webhook is fine but {xoxb} returns invalid_auth
en|secret.slack_token|-|slack token = {xoxb}
en|secret.slack_token|-|token for the HR bot: {xoxb} (keep it in here pls)
en|secret.slack_token|-|rotated, new one: {xoxb}
nl|secret.slack_token|-|de alerting bot gebruikt {xoxb}
nl|secret.slack_token|-|xoxp token voor de archief-export: {xoxp}
nl|secret.slack_token|-|nieuwe bot token na herinstallatie: {xoxb}
nl|secret.slack_token|-|{name}: {xoxp} mag uit de config
nl|secret.slack_token|-|test workspace token {xoxp}
nl|secret.slack_token|-|kan iemand {xoxb} in de vault zetten

# ---------------------------------------------------------------- secret.stripe_key
en|secret.stripe_key|-|stripe live key for the webshop: {sk}
en|secret.stripe_key|-|STRIPE_SECRET_KEY={sk}
en|secret.stripe_key|-|restricted key for the reporting job: {rk}
en|secret.stripe_key|-|{name} can you roll {sk}? it showed up in sentry
en|secret.stripe_key|-|payments are down because {sk} got revoked, new one?
en|secret.stripe_key|-|Stripe: {sk}
en|secret.stripe_key|-|use {rk} for the payout export
en|secret.stripe_key|-|key for the terminal app: {sk}
nl|secret.stripe_key|-|wie heeft {sk} in de frontend gezet?? 😱
nl|secret.stripe_key|-|de live key is {sk}, de test key staat in 1password
nl|secret.stripe_key|-|rk voor de boekhoudkoppeling: {rk}
nl|secret.stripe_key|-|api key stripe (live!) {sk}
nl|secret.stripe_key|-|nieuwe restricted key {rk}, alleen read op charges
nl|secret.stripe_key|-|stripe key voor de donaties van {client}: {sk}
nl|secret.stripe_key|-|sk_live in de logs: {sk}
nl|secret.stripe_key|-|kan {sk} weg? we zijn over op Mollie

# ---------------------------------------------------------------- secret.private_key
en|secret.private_key|-|here's the deploy key, pls add it to the server:\n{pem_rsa}
en|secret.private_key|-|ssh key for the sftp with {client}:\n{pem_openssh}
en|secret.private_key|-|truncated but you get the idea:\n{pem_trunc}
en|secret.private_key|-|service account json for the BigQuery export:\n{sa_json}
en|secret.private_key|-|{name} is this the right key?\n{pem_rsa}
en|secret.private_key|-|copy/paste from the old vault:\n{pem_pkcs8}
en|secret.private_key|-|```\n{pem_rsa}\n```
en|secret.private_key|-|the APNs key for the app: {pem_pkcs8}
en|secret.private_key|-|ssh key (ed25519):\n{pem_openssh}
nl|secret.private_key|-|de private key van het certificaat:\n{pem_pkcs8}
nl|secret.private_key|-|EC key voor de signing service:\n{pem_ec}
nl|secret.private_key|-|sleutel voor de jumphost:\n{pem_openssh}
nl|secret.private_key|-|key.pem van de oude server:\n{pem_trunc}
nl|secret.private_key|-|tls.key voor de ingress:\n{pem_pkcs8}
nl|secret.private_key|-|hier de key, de passphrase stuur ik apart:\n{pem_enc}
en|secret.private_key pii.email|-|sa key for the drive sync:\n{sa_json_email}
nl|secret.private_key pii.email|-|JSON key van het GCP service account:\n{sa_json_email}

# ---------------------------------------------------------------- secret.jwt
en|secret.jwt|-|Authorization: Bearer {jwt}
en|secret.jwt|-|this token from the portal keeps expiring: {jwt}
en|secret.jwt|-|debug: id_token={jwt}
en|secret.jwt|-|paste {jwt} into jwt.io and you'll see the roles are wrong
en|secret.jwt|-|{name} use this one for testing the admin endpoint: {jwt}
en|secret.jwt|-|curl -H 'Authorization: Bearer {jwt}' https://api.oosterdok.nl/v2/positions
en|secret.jwt|-|refresh gives me {jwt} but /me still says 401
en|secret.jwt|-|access_token: {jwt}
en|secret.jwt|-|the SSO callback had ?token={jwt} in the URL, that's logged everywhere
nl|secret.jwt|-|de access token van de api van {client}: {jwt}
nl|secret.jwt|-|session cookie: token={jwt}
nl|secret.jwt|-|jwt van de test user: {jwt}
nl|secret.jwt|-|kan iemand checken waarom {jwt} geen scope heeft
nl|secret.jwt|-|bearer {jwt}
nl|secret.jwt|-|token voor de mobiele app op staging: {jwt}

# ---------------------------------------------------------------- secret.password_in_text
en|secret.password_in_text|o|guest wifi is OosterdokGuest, [[password]]: {pw}
en|secret.password_in_text|o|login for the {client} portal: user oosterdok_ops / [[pw]] {pw}
en|secret.password_in_text|o|the admin [[password]] for the printer is {pw} lol
en|secret.password_in_text|-|pw = {pw} for the shared finance mailbox
en|secret.password_in_text|o|temp [[password]] for your laptop: {pw}, change it at first login
en|secret.password_in_text|-|DB_URL=postgres://report_ro:{pw_url}@10.12.4.21:5432/ledger
en|secret.password_in_text|-|jdbc:sqlserver://sql-prod.oosterdok.internal;user=etl;password={pw}
en|secret.password_in_text|-|Bloomberg login for the desk: user {name}odk, pass: {pw}
en|secret.password_in_text|o|my [[password]] is {pw} if you need to get into my mail while I'm out
en|secret.password_in_text|-|mongodb://admin:{pw_url}@10.0.8.15:27017/?authSource=admin
en|secret.password_in_text|-|password: {pw}
nl|secret.password_in_text|o|[[wachtwoord]] van de gastenwifi is {pw}
nl|secret.password_in_text|-|ww: {pw} (voor de gedeelde agenda)
nl|secret.password_in_text|o|nieuw [[wachtwoord]] voor het Exact account: {pw}
nl|secret.password_in_text|o|het [[wachtwoord]] is {pw}, hoofdlettergevoelig
nl|secret.password_in_text|-|wachtwoord = {pw} voor de testomgeving van {client}
nl|secret.password_in_text|-|kun je inloggen met {name}.test / ww {pw}?
nl|secret.password_in_text|o|[[wachtwoord]] van de kluis op de 3e: {pw}
nl|secret.password_in_text|-|redis://:{pw_url}@10.20.1.7:6379/0 staat in de config van {repo}
nl|secret.password_in_text|-|het VPN-wachtwoord is tijdelijk {pw}, maandag weer normaal
en|secret.password_in_text pii.email|o|supplier portal login: {work_email} / [[password]] {pw}
nl|secret.password_in_text pii.email|-|inlog parkeerapp: {role_email}, wachtwoord {pw}

# ---------------------------------------------------------------- secret.generic
en|secret.generic|-|api_key={hex40} for the market data sandbox
en|secret.generic|-|X-Api-Key: {gen}
en|secret.generic|-|client_secret: {gen} (AD app for the HR portal)
en|secret.generic|-|token: {gen} — that's the one for the Docusign sandbox
en|secret.generic|-|the new apikey for {client}'s partner api is {gen}
en|secret.generic|-|OPENWEATHER_API_KEY={hex32}
en|secret.generic|-|SENDGRID_API_KEY=SG.{gen}
en|secret.generic|-|access_token={gen}&expires_in=3600 is what the bank sandbox returns
en|secret.generic|-|client_id: odk-reporting\nclient_secret: {gen}
en|secret.generic|-|use header X-API-KEY {gen} for staging
en|secret.generic|-|our mailchimp api key: {hex32}-us21
en|secret.generic|-|bearer token for the bank API: {gen}
en|secret.generic|-|webhook secret: whsec_{gen}
en|secret.generic|-|datadog api key {hex32}
en|secret.generic|-|auth token for the FX rates API: {gen}
nl|secret.generic|-|api-key voor de KvK API: {gen}
nl|secret.generic|-|de token voor de Exact Online koppeling is {gen}
nl|secret.generic|-|client secret van de Azure app-registratie: {gen}
nl|secret.generic|-|X-Api-Key {gen} werkt niet meer op acceptatie
nl|secret.generic|-|Mollie apikey: live_{gen}
nl|secret.generic|-|token: {gen} voor de Twinfield koppeling
nl|secret.generic|-|secret voor de webhook van {client}: {gen}
nl|secret.generic|-|API_KEY = "{gen}"
nl|secret.generic|-|Twilio auth token: {hex32}
nl|secret.generic|-|de api key van Adyen: AQE{gen}
""")

# Pasted code holding a credential: ip.source_code plus the credential's own category.
CODE = [
    ("en", ("ip.source_code", "secret.aws_key"),
     "upload keeps failing, any idea?\n```python\nimport boto3\n"
     "s3 = boto3.client('s3', aws_access_key_id='{aws_ak}',\n"
     "                  aws_secret_access_key='{aws_sk}')\n"
     "s3.upload_file('out.csv', 'odk-exports', 'daily/out.csv')\n```"),
    ("en", ("ip.source_code", "secret.stripe_key"),
     "```js\nconst stripe = require('stripe')('{sk}');\n"
     "const list = await stripe.customers.list({{ limit: 3 }});\nconsole.log(list.data.length);\n```"),
    ("en", ("ip.source_code", "secret.generic"),
     "```python\nheaders = {{'X-Api-Key': '{gen}'}}\n"
     "r = requests.get(BASE + '/quotes', headers=headers, timeout=5)\nr.raise_for_status()\n```"),
    ("nl", ("ip.source_code", "secret.password_in_text"),
     "waarom krijg ik een timeout?\n```python\n"
     "conn = psycopg2.connect(host='10.12.4.21', user='etl', password='{pw}')\n"
     "cur = conn.cursor()\ncur.execute('SELECT 1')\n```"),
    ("en", ("ip.source_code", "secret.github_token"),
     "```go\nclient := github.NewClient(nil).WithAuthToken(\"{ghp}\")\n"
     "repos, _, err := client.Repositories.ListByOrg(ctx, \"oosterdok\", nil)\n"
     "if err != nil {{\n\tlog.Fatal(err)\n}}\n```"),
    ("en", ("ip.source_code", "secret.slack_token"),
     "```python\nfrom slack_sdk import WebClient\nclient = WebClient(token=\"{xoxb}\")\n"
     "client.chat_postMessage(channel=\"#deploys\", text=\"recon done\")\n```"),
    ("nl", ("ip.source_code", "secret.azure_key"),
     "```csharp\nvar svc = new BlobServiceClient(\"{azconn}\");\n"
     "var container = svc.GetBlobContainerClient(\"exports\");\nawait container.CreateIfNotExistsAsync();\n```"),
    ("en", ("ip.source_code", "secret.gcp_key"),
     "```js\nconst KEY = '{gcp}';\n"
     "const res = await fetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${{q}}&key=${{KEY}}`);\n"
     "const json = await res.json();\n```"),
    ("nl", ("ip.source_code", "secret.gitlab_token"),
     "```python\nimport gitlab\ngl = gitlab.Gitlab('https://gitlab.oosterdok.nl', private_token='{glpat}')\n"
     "for p in gl.projects.list(iterator=True):\n    print(p.name)\n```"),
    ("en", ("ip.source_code", "secret.jwt"),
     "```python\nresp = requests.get(url, headers={{'Authorization': 'Bearer {jwt}'}})\n"
     "print(resp.status_code, resp.json())\n```"),
    ("en", ("ip.source_code", "secret.aws_key"),
     "```java\nBasicAWSCredentials creds = new BasicAWSCredentials(\"{aws_ak}\", \"{aws_sk}\");\n"
     "AmazonS3 s3 = AmazonS3ClientBuilder.standard().withRegion(\"eu-west-1\").build();\n```"),
    ("nl", ("ip.source_code", "secret.generic"),
     "```js\nconst api = axios.create({{\n  baseURL: 'https://api.kvk.nl',\n"
     "  headers: {{ apikey: '{gen}' }},\n}});\n```"),
]
