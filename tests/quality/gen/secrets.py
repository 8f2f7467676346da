"""Positives for the secret categories. Values are freshly generated, never real credentials.

Each entry is (lang, labels, template).
"""
from . import fill as F
from . import values as V


def _pem(rng):
    kind = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
                       "ENCRYPTED PRIVATE KEY"])
    return V.rsa_private_key(rng, lines=rng.randint(3, 6), kind=kind)


def _pem_truncated(rng):
    return V.rsa_private_key(rng, lines=rng.randint(2, 3),
                             kind=rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY"]), truncated=True)


def _service_account(rng):
    key = "\\n".join(["-----BEGIN PRIVATE KEY-----", "MIIEvg" + V.rand_str(rng, V.B64, 58)]
                     + V.pem_body_lines(rng, 2) + ["-----END PRIVATE KEY-----"])
    return ('{\n  "type": "service_account",\n  "project_id": "oosterdok-analytics",\n'
            '  "private_key_id": "%s",\n  "private_key": "%s\\n",\n'
            '  "client_email": "etl-runner@oosterdok-analytics.iam.gserviceaccount.com"\n}'
            % (V.hex_str(rng, 40), key))


def _password(rng):
    words = ["Zomer", "Winter", "Welkom", "Hunter", "Tulp", "Fiets", "Oranje", "Kaas", "Dragon",
             "Sunshine", "Amstel", "Molen", "Haven", "Koffie", "Spring"]
    return rng.choice([
        "%s%d%s" % (rng.choice(words), rng.randint(2019, 2025), rng.choice("!?#$*")),
        "%s%s%d" % (rng.choice(words), rng.choice(["!", "@", "_", "#"]), rng.randint(10, 99)),
        V.rand_str(rng, V.ALNUM + "!#%&*", rng.randint(10, 16)),
        "%s-%s-%s%d" % (rng.choice(words).lower(), rng.choice(words).lower(),
                        rng.choice(words).lower(), rng.randint(1, 9)),
    ])


def _azure_conn(rng):
    return ("DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;"
            "EndpointSuffix=core.windows.net"
            % (rng.choice(["oosterdokprod", "odkbackups", "reportingstore", "ingeststg01"]),
               V.azure_account_key(rng)))


SLOTS = {
    "akia": V.aws_access_key,
    "aws_secret": V.aws_secret_key,
    "gcp": V.gcp_api_key,
    "azure_key": V.azure_account_key,
    "azure_conn": _azure_conn,
    "ghp": lambda r: V.github_token(r, "ghp_"),
    "gh_other": lambda r: V.github_token(r, r.choice(["gho_", "ghu_", "ghs_", "ghr_"])),
    "gh_fine": lambda r: "github_pat_" + V.rand_str(r, V.ALNUM, 22) + "_" + V.rand_str(r, V.ALNUM, 59),
    "glpat": V.gitlab_token,
    "xoxb": V.slack_bot_token,
    "xoxp": V.slack_user_token,
    "sk_live": lambda r: V.stripe_key(r, "sk_live_"),
    "rk_live": lambda r: V.stripe_key(r, "rk_live_"),
    "pem": _pem,
    "pem_cut": _pem_truncated,
    "service_account": _service_account,
    "jwt": lambda r: V.jwt(r, {"sub": V.digits(r, 6), "name": r.choice(F.NAMES),
                               "iat": 1717000000 + r.randint(0, 9999999)}),
    "jwt_admin": lambda r: V.jwt(r, {"sub": "svc-" + r.choice(F.REPOS), "role": "admin",
                                     "exp": 1727000000 + r.randint(0, 9999999)}),
    "pw": _password,
    "hex32": lambda r: V.hex_str(r, 32),
    "tok24": lambda r: V.high_entropy(r, r.randint(24, 40)),
    "tok_b64": lambda r: V.high_entropy(r, r.randint(30, 44), V.B64URL),
    "sendgrid": lambda r: "SG." + V.rand_str(r, V.B64URL, 22) + "." + V.rand_str(r, V.B64URL, 43),
}

AWS = ["secret.aws_key"]
GCP = ["secret.gcp_key"]
AZ = ["secret.azure_key"]
GH = ["secret.github_token"]
GL = ["secret.gitlab_token"]
SL = ["secret.slack_token"]
ST = ["secret.stripe_key"]
PK = ["secret.private_key"]
JW = ["secret.jwt"]
PW = ["secret.password_in_text"]
GE = ["secret.generic"]
CODE = ["ip.source_code"]
EM = ["pii.email"]
OBF = ["obfuscated"]

ENTRIES = [
    # ---- AWS
    ("en", AWS, "Here are the creds for the staging bucket:\nAWS_ACCESS_KEY_ID={akia}\nAWS_SECRET_ACCESS_KEY={aws_secret}"),
    ("en", AWS, "aws_access_key_id = {akia}\naws_secret_access_key = {aws_secret}"),
    ("en", AWS, "use {akia} for the backup job, the secret is in the vault"),
    ("en", AWS, "Found this in an old script, is it still active? {akia}"),
    ("nl", AWS, "Access key voor de S3-bucket van rapportages: {akia}"),
    ("nl", AWS, "Kun je deze key even deactiveren? {akia} staat per ongeluk in de README"),
    ("en", AWS, "The CI job uses key {akia} with secret {aws_secret}, can we rotate it?"),
    ("en", AWS, "aws_secret_access_key={aws_secret} (the access key id is the one ending in QX)"),
    ("nl", AWS, "aws_secret_access_key: {aws_secret}\nregion: eu-west-1"),
    ("en", AWS, "[default]\naws_access_key_id = {akia}\naws_secret_access_key = {aws_secret}\nregion = eu-central-1"),
    ("en", AWS, "quick fix: export AWS_ACCESS_KEY_ID={akia} and rerun"),
    ("nl", AWS, "AWS key van het oude account: {akia}, wie weet of die nog gebruikt wordt?"),
    ("en", AWS, "{akia}"),
    ("en", AWS, "IAM user deploy-bot has access key {akia}, please disable after the migration"),
    ("en", AWS + CODE, "This works for me:\n```python\nimport boto3\ns3 = boto3.client(\n    \"s3\",\n    aws_access_key_id=\"{akia}\",\n    aws_secret_access_key=\"{aws_secret}\",\n)\nprint(s3.list_buckets())\n```"),
    ("en", AWS, "Terraform state shows access_key = \"{akia}\" for the old user"),
    # ---- GCP
    ("en", GCP, "Maps API key for the store locator: {gcp}"),
    ("en", GCP, "GOOGLE_API_KEY={gcp}"),
    ("en", GCP, "The geocoding call: https://maps.googleapis.com/maps/api/geocode/json?address=Damrak+1&key={gcp}"),
    ("nl", GCP, "API-key van Google voor de kaarten op de website: {gcp}"),
    ("nl", GCP, "Deze key werkt niet meer na de rotatie: {gcp}"),
    ("en", GCP, "Firebase config has apiKey: \"{gcp}\", is that supposed to be public?"),
    ("en", GCP, "use {gcp} for the translate API in the prototype"),
    ("en", GCP, "old youtube data api key, revoke pls: {gcp}"),
    ("nl", GCP, "GCP key voor de BigQuery-test: {gcp}"),
    ("en", GCP, "{gcp}"),
    ("en", GCP, "curl 'https://translation.googleapis.com/language/translate/v2?key={gcp}' fails with 403, any idea?"),
    ("nl", GCP, "Google key staat hardcoded in de app: {gcp}"),
    ("en", GCP, "The places API quota is on key {gcp}, billing account is ours"),
    ("en", GCP, "maps key leaked in the frontend bundle: {gcp}"),
    ("nl", GCP, "Zet deze in de config: GOOGLE_MAPS_KEY={gcp}"),
    ("en", GCP, "Staging uses {gcp}, prod has its own"),
    # ---- Azure
    ("en", AZ, "Connection string for the backup storage account:\n{azure_conn}"),
    ("en", AZ, "AZURE_STORAGE_CONNECTION_STRING=\"{azure_conn}\""),
    ("nl", AZ, "Connectiestring van de storage account: {azure_conn}"),
    ("en", AZ, "AccountKey={azure_key} — that's the primary, the secondary is in the portal"),
    ("en", AZ, "the blob upload needs this: {azure_conn}"),
    ("nl", AZ, "Kun je deze storage key roteren? AccountKey={azure_key}"),
    ("en", AZ, "Found in appsettings.json: \"StorageConnection\": \"{azure_conn}\""),
    ("en", AZ, "{azure_conn}"),
    ("nl", AZ, "Voor de export naar Azure: {azure_conn}"),
    ("en", AZ, "storage account key (primary): AccountKey={azure_key}"),
    ("en", AZ, "The function app reads {azure_conn} from its settings, I copied it here for you"),
    ("nl", AZ, "oude sleutel, graag intrekken: AccountKey={azure_key}"),
    ("en", AZ, "Use this to mount the share: {azure_conn}"),
    ("en", AZ, "AccountName=odkbackups;AccountKey={azure_key}"),
    ("nl", AZ, "Storage key van de acceptatieomgeving: AccountKey={azure_key}"),
    ("en", AZ, "For the data team's notebook: {azure_conn}"),
    # ---- GitHub
    ("en", GH, "Here's my token for the release script, it expires Friday: {ghp}"),
    ("en", GH, "GITHUB_TOKEN={ghp}"),
    ("en", GH, "git remote set-url origin https://github.com/oosterdok/{repo}.git, then give it {ghp} when git asks for credentials"),
    ("nl", GH, "Personal access token voor de CI: {ghp}"),
    ("nl", GH, "Deze token heeft alleen read-rechten hoor: {ghp}"),
    ("en", GH, "The action uses {gh_other} and that one can't be revoked by us"),
    ("en", GH, "{ghp}"),
    ("en", GH, "token for the bot account: {ghp}"),
    ("nl", GH, "Kun je {ghp} intrekken? Die stond in een gist"),
    ("en", GH, "the app installation token (valid 1h): {gh_other}"),
    ("en", GH, "fine-grained PAT for the docs repo: {gh_fine}"),
    ("en", GH, "gh auth login --with-token <<< {ghp}"),
    ("nl", GH, "Voor de release: export GH_TOKEN={ghp}"),
    ("en", GH, "Oops, wrong window. That was my GitHub token: {ghp}. Rotating now"),
    ("en", GH, "registry login: docker login ghcr.io -u {name} -p {ghp}"),
    ("nl", GH, "OAuth token van de integratie: {gh_other}"),
    ("en", GH, "renovate bot token {ghp}"),
    ("en", GH, "the PAT {gh_fine} has admin scope, please revoke"),
    # ---- GitLab
    ("en", GL, "GitLab token for the runner registration: {glpat}"),
    ("en", GL, "GITLAB_TOKEN={glpat}"),
    ("nl", GL, "Personal access token voor GitLab: {glpat}"),
    ("en", GL, "use {glpat} for the mirror job"),
    ("nl", GL, "Deze GitLab-token stond in de pipeline-config, graag intrekken: {glpat}"),
    ("en", GL, "git remote set-url origin https://gitlab.oosterdok.nl/data/{repo}.git and give it {glpat} when it asks for credentials"),
    ("en", GL, "{glpat}"),
    ("en", GL, "Project access token (maintainer): {glpat}"),
    ("nl", GL, "Token voor de package registry: {glpat}"),
    ("en", GL, "curl --header \"PRIVATE-TOKEN: {glpat}\" https://gitlab.oosterdok.nl/api/v4/projects"),
    ("en", GL, "here's the token for the terraform backend {glpat}"),
    ("nl", GL, "glpat van het oude serviceaccount: {glpat}"),
    ("en", GL, "new deploy token is {glpat}, the old one is revoked"),
    ("en", GL, "CI variable GL_TOKEN = {glpat}"),
    ("nl", GL, "kun je deze even testen? {glpat}"),
    ("en", GL, "token for the renovate bot on gitlab: {glpat}"),
    # ---- Slack
    ("en", SL, "Bot token for the alerts app: {xoxb}"),
    ("en", SL, "SLACK_BOT_TOKEN={xoxb}"),
    ("nl", SL, "Token van de Slack-bot: {xoxb}"),
    ("en", SL, "my user token for the export script: {xoxp}"),
    ("en", SL, "{xoxb}"),
    ("nl", SL, "Kun je deze testen? {xoxb}"),
    ("en", SL, "curl -H 'Authorization: Bearer {xoxb}' https://slack.com/api/auth.test"),
    ("en", SL, "the standup bot uses {xoxb}, it was created by {name} who left"),
    ("nl", SL, "Oude user token, mag weg: {xoxp}"),
    ("en", SL, "xoxp token with admin scope, please revoke: {xoxp}"),
    ("en", SL, "slack: token: {xoxb}\n  channel: '#alerts'"),
    ("nl", SL, "Voor de integratie met het ticketsysteem: {xoxb}"),
    ("en", SL, "The reminder bot broke, I regenerated it: {xoxb}"),
    ("en", SL, "token for the archive export {xoxp}"),
    ("nl", SL, "SLACK_TOKEN={xoxp}"),
    ("en", SL, "try the request with {xoxb} instead"),
    # ---- Stripe
    ("en", ST, "Live key for the webshop: {sk_live}"),
    ("en", ST, "STRIPE_SECRET_KEY={sk_live}"),
    ("nl", ST, "Stripe sleutel van productie: {sk_live}"),
    ("en", ST, "restricted key for the reporting job: {rk_live}"),
    ("en", ST, "{sk_live}"),
    ("nl", ST, "Kun je de refunds doen met deze key? {sk_live}"),
    ("en", ST, "curl https://api.stripe.com/v1/charges -u {sk_live}:"),
    ("en", ST, "the old live key {sk_live} is still in the cron job"),
    ("nl", ST, "Restricted key voor finance: {rk_live}"),
    ("en", ST, "stripe.api_key = \"{sk_live}\" in settings.py, that shouldn't be there"),
    ("en", ST, "For the payout script: {rk_live}"),
    ("nl", ST, "Productiesleutel Stripe, niet delen: {sk_live}"),
    ("en", ST, "use {sk_live} for the migration, then roll it"),
    ("en", ST, "The read-only key is {rk_live}"),
    ("nl", ST, "Stripe live key in de logs gevonden: {sk_live}"),
    ("en", ST, "sk for the new account {sk_live}"),
    # ---- private keys
    ("en", PK, "Here's the deploy key for the bastion:\n{pem}"),
    ("en", PK, "{pem}"),
    ("nl", PK, "Private key voor de SFTP-koppeling met {client}:\n{pem}"),
    ("en", PK, "can someone check why this key is rejected?\n{pem}"),
    ("en", PK, "pasted the first part, the rest is too long for slack:\n{pem_cut}"),
    ("nl", PK, "Sleutel van het certificaat (niet de publieke, sorry):\n{pem}"),
    ("en", PK + EM, "the service account json for the ETL:\n{service_account}"),
    ("nl", PK + EM, "Service account voor BigQuery:\n{service_account}"),
    ("en", PK, "TLS key for the staging ingress:\n{pem}"),
    ("en", PK, "my id_ed25519, need it on the build box:\n{pem}"),
    ("nl", PK, "Hier is hem:\n{pem_cut}\n(rest stuur ik zo)"),
    ("en", PK, "signing key for the mobile release:\n{pem}"),
    ("en", PK, "Key for the VPN client config:\n{pem_cut}"),
    ("nl", PK, "Private key van de API-koppeling:\n{pem}"),
    ("en", PK, "{pem_cut}"),
    ("en", PK, "The SAML signing key, in case you need it for the test IdP:\n{pem}"),
    ("nl", PK, "sleutel voor de jump host\n{pem}"),
    ("en", PK + EM, "json key file contents:\n{service_account}"),
    # ---- JWT
    ("en", JW, "Authorization: Bearer {jwt}"),
    ("en", JW, "Here's a token from prod for debugging: {jwt}"),
    ("nl", JW, "Met deze JWT kun je de API testen: {jwt}"),
    ("en", JW, "{jwt}"),
    ("en", JW, "The session cookie is {jwt}, it lasts a week"),
    ("nl", JW, "Token van de admin-gebruiker: {jwt_admin}"),
    ("en", JW, "curl -H \"Authorization: Bearer {jwt_admin}\" https://api.oosterdok.nl/admin/users"),
    ("en", JW, "the service token never expires, that's a problem: {jwt_admin}"),
    ("nl", JW, "JWT uit de browser gekopieerd: {jwt}"),
    ("en", JW, "decoded it on jwt.io, looks fine: {jwt}"),
    ("en", JW, "id_token={jwt}"),
    ("nl", JW, "Bearer {jwt}"),
    ("en", JW, "access token for the partner API: {jwt_admin}"),
    ("en", JW, "postman collection uses {jwt}, please refresh it"),
    ("nl", JW, "sessie-token van de klant (voor reproductie): {jwt}"),
    ("en", JW, "login returned {jwt} but the next call says 401"),
    # ---- passwords in text
    ("en", PW, "password: {pw}"),
    ("en", PW, "The wifi password for guests is {pw}"),
    ("nl", PW, "Wachtwoord van de gedeelde mailbox is {pw}"),
    ("nl", PW, "wachtwoord is {pw}, niet doorvertellen 🤫"),
    ("en", PW, "login for the vendor portal: user admin, password {pw}"),
    ("en", PW, "DB_PASSWORD={pw}"),
    ("nl", PW, "Het nieuwe wachtwoord van de printer-admin: {pw}"),
    ("en", PW, "pw = {pw}"),
    ("en", PW, "I reset it to {pw} — password, that is. change it when you log in"),
    ("nl", PW, "Inlog voor de leveranciersportal: gebruikersnaam finance, wachtwoord {pw}"),
    ("en", PW, "Root password on the old server is still {pw} 😬"),
    ("nl", PW, "wifi: OosterdokGast, ww: {pw}"),
    ("en", PW, "the zip is encrypted, the password is {pw}"),
    ("nl", PW, "Het wachtwoord voor het pdf'je is {pw}"),
    ("en", PW, "postgres://reporting:{pw}@db.internal:5432/warehouse — password's in the URL, sorry"),
    ("en", PW, "passwd for the staging admin: {pw}"),
    ("nl", PW, "Mijn wachtwoord werkt niet meer, ik had {pw} ingesteld"),
    ("en", PW, "Password for the team's shared LinkedIn account: {pw}"),
    ("en", PW, "p@ssword: {pw}", OBF),
    ("nl", PW, "w8woord = {pw}", OBF),
    ("en", PW, "passw0rd for the box is {pw}", OBF),
    ("nl", PW, "wachtw00rd: {pw}", OBF),
    ("en", PW, "P A S S W O R D: {pw}", OBF),
    ("nl", PW, "ww: {pw} (voor de vergaderzaal-pc)"),
    ("en", PW, "pwd: {pw}"),
    ("nl", PW, "W@chtwoord van de router: {pw}", OBF),
    ("en", PW, "pa$$word for the kiosk: {pw}", OBF),
    ("nl", PW, "wachtwoord (met spaties zodat de bot het niet ziet): w a c h t w o o r d = {pw}", OBF),
    ("en", PW, "Pass-word is {pw} for the demo laptop", OBF),
    # ---- generic API keys and tokens
    ("en", GE, "api_key={tok24}"),
    ("en", GE, "Here's the API key for the weather service: {tok24}"),
    ("nl", GE, "API-key van de vertaaldienst: {tok24}"),
    ("en", GE, "client_secret: {tok_b64}"),
    ("en", GE, "client_id=oosterdok-reporting client_secret={tok_b64}"),
    ("en", GE, "X-Api-Key: {hex32}"),
    ("nl", GE, "Token voor de koppeling met het boekhoudpakket: {tok24}"),
    ("en", GE, "SENDGRID_API_KEY={sendgrid}"),
    ("en", GE, "twilio auth token: {hex32}"),
    ("nl", GE, "api_key: {hex32} (van de KvK-API)"),
    ("en", GE, "secret={tok_b64}"),
    ("en", GE, "The partner's webhook signing secret is {tok_b64}"),
    ("nl", GE, "Access token van de CRM-koppeling: {tok24}"),
    ("en", GE, "token: {tok24}"),
    ("en", GE, "apikey {hex32} for the postcode lookup service"),
    ("nl", GE, "Client secret van de Azure AD app: {tok_b64}"),
    ("en", GE, "MAILCHIMP_API_KEY={hex32}-us14"),
    ("en", GE, "The OpenWeather key is {hex32}, free tier"),
    ("nl", GE, "geheime sleutel voor de webhook: {tok_b64}"),
    ("en", GE, "bearer token for the legacy API (opaque, not a JWT): {tok24}"),
    ("en", GE + CODE, "```js\nconst client = new Client({\n  apiKey: \"{tok24}\",\n  region: \"eu\",\n});\nawait client.connect();\n```"),
    # ---- more than one secret kind
    ("en", ["secret.aws_key", "secret.github_token"], "env for the release job:\nAWS_ACCESS_KEY_ID={akia}\nAWS_SECRET_ACCESS_KEY={aws_secret}\nGITHUB_TOKEN={ghp}"),
    ("en", ["secret.slack_token", "secret.stripe_key"], "SLACK_BOT_TOKEN={xoxb}\nSTRIPE_SECRET_KEY={sk_live}"),
    ("nl", ["secret.password_in_text", "secret.gitlab_token"], "Voor de runner: wachtwoord {pw} en token {glpat}"),
    ("en", ["secret.jwt", "secret.generic"], "api_key={tok24} and the session is {jwt}"),
    ("en", ["secret.azure_key", "secret.password_in_text"], "SQL admin password is {pw}, storage: {azure_conn}"),
    ("en", ["secret.gcp_key", "secret.stripe_key"], "prod config\nGOOGLE_MAPS_KEY={gcp}\nSTRIPE_KEY={rk_live}"),
    ("en", ["secret.private_key", "secret.password_in_text"], "key is encrypted, passphrase: {pw}\n{pem}"),
]
