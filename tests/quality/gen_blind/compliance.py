"""Positive templates, compliance (compliance.*). [[word]] marks what an obfuscated variant
disguises. Format: see common.parse."""
from .common import parse

ENTRIES = parse(r"""
# ---------------------------------------------------------------- compliance.off_channel
en|compliance.off_channel|o|let's move this to [[Signal]], too many eyes in here
en|compliance.off_channel|o|text me on [[WhatsApp]] about the {client} allocation, not here
en|compliance.off_channel|o|[[delete]] this message after you've read it pls
en|compliance.off_channel|o|can you [[wipe]] this thread? shouldn't have posted that
en|compliance.off_channel|-|send it to my gmail instead, don't want it on the work system
en|compliance.off_channel|o|ping me on [[Telegram]], same handle as always
en|compliance.off_channel|-|iMessage me the numbers, keep it out of Teams
en|compliance.off_channel|-|for {client} just use WeChat with their guy, compliance doesn't see that
en|compliance.off_channel|o|call me on my [[personal]] phone tonight, not the recorded line
en|compliance.off_channel|-|I'll send you the details on Signal, then remove it from here
nl|compliance.off_channel|o|stuur maar via [[WhatsApp]], niet in dit kanaal
nl|compliance.off_channel|o|[[verwijder]] dit bericht na lezen aub
nl|compliance.off_channel|o|even via [[Signal]] verder, hier leest compliance mee
nl|compliance.off_channel|-|app me even privé, dan bespreken we de prijs daar
nl|compliance.off_channel|-|mail het naar mijn privé hotmail, niet naar oosterdok
nl|compliance.off_channel|-|gooi deze chat weg als je klaar bent 🙏
nl|compliance.off_channel|o|bel me op mijn [[eigen]] nummer, niet via de opgenomen lijn
nl|compliance.off_channel|-|zet dit niet in Teams, Telegram is veiliger
nl|compliance.off_channel|o|[[wis]] deze thread even, stond te veel in

# ---------------------------------------------------------------- compliance.insider_info
en|compliance.insider_info|o|heard from my mate at {client}: the [[merger]] gets announced {day}. buy now before it's out
en|compliance.insider_info|o|{client} results way above [[guidance]], not public yet 👀 load up
en|compliance.insider_info|-|anyone know {client}'s numbers before they publish? want to position before {day}
en|compliance.insider_info|o|the FDA [[approval]] for {client} lands Thursday, my cousin works there. calls are cheap rn
en|compliance.insider_info|o|board votes on the [[buyback]] {day}, not announced yet. get in
en|compliance.insider_info|o|off the record: {client} is going to [[miss]] by 20%, I'd sell before the trading update
en|compliance.insider_info|-|deal team says {client} gets a takeover bid at a {pct} premium on {day} — buy some for yourself quietly
en|compliance.insider_info|o|CEO of {client} is [[resigning]], announcement after the close tmrw. short it?
en|compliance.insider_info|-|the profit warning isn't out yet but {client} is in trouble, dump your shares
nl|compliance.insider_info|o|ik heb [[voorkennis]]: {client} wordt overgenomen, koop nu nog
nl|compliance.insider_info|o|cijfers van {client} veel beter dan verwacht, nog niet [[openbaar]], instappen!
nl|compliance.insider_info|o|hoorde van de advocaten dat {client} een [[bod]] krijgt, nog niet gepubliceerd. ik koop er wat bij
nl|compliance.insider_info|-|weet jij al wat de kwartaalcijfers van {client} worden? wil er vóór de publicatie positie in nemen
nl|compliance.insider_info|o|{client} gaat het [[dividend]] schrappen, wordt pas {dag} bekend. verkoop je pakket
nl|compliance.insider_info|o|mijn zwager zit in het bestuur van {client}: [[fusie]] komt eraan. nu kopen
nl|compliance.insider_info|-|niet doorvertellen maar de emissie van {client} is {dag}, short gaan?
nl|compliance.insider_info|o|[[voorkennis]] hoor 😉 de deal met {client} is rond, morgen persbericht, koop vandaag nog

# ---------------------------------------------------------------- compliance.front_running
en|compliance.front_running|o|{client} wants to buy 2M shares tmrw morning, I'm getting in on my [[own]] account tonight
en|compliance.front_running|o|hold the client order 10 min, I want my [[personal]] fill first
en|compliance.front_running|o|get in before the [[block]] trade goes through, it'll move the price
en|compliance.front_running|o|buy for my [[PA]] before we work {client}'s order pls
en|compliance.front_running|-|big sell order from {client} coming at the open, short it in your own book first
en|compliance.front_running|o|we know the fund is [[rebalancing]] {day}, let's buy ahead of it for the prop book
en|compliance.front_running|-|put my wife's account in ahead of the {client} order, same price
en|compliance.front_running|o|let's [[front-run]] {client}'s bond purchase, they won't notice 5 bps
en|compliance.front_running|-|{name}, buy some for yourself before you execute the client's 500k order, it'll pop
nl|compliance.front_running|o|{client} gaat morgen groot kopen, ik koop vanavond al voor [[mezelf]]
nl|compliance.front_running|o|eerst mijn [[eigen]] order erin, daarna pas die van de klant
nl|compliance.front_running|-|voor het blok van {client} uit even zelf inslaan?
nl|compliance.front_running|o|de klantorder van {client} laat ik even liggen tot mijn [[privé]]-aankoop gevuld is
nl|compliance.front_running|o|we weten dat het pensioenfonds {dag} gaat verkopen, nu [[short]] voor eigen rekening
nl|compliance.front_running|-|koop ff voor mijn broer voordat de order van {client} de markt in gaat
nl|compliance.front_running|o|zet de prop-positie op voordat we de [[blokorder]] van {client} uitvoeren
nl|compliance.front_running|o|gewoon [[voorlopen]] op de order van de klant, niemand die het merkt

# ---------------------------------------------------------------- more than one
en|compliance.off_channel pii.phone|o|don't put this in Slack — text me on {nl_mob} ([[personal]])
nl|compliance.off_channel pii.email|-|stuur de cijfers naar mijn gmail: {gmail}
en|compliance.off_channel compliance.insider_info|o|let's go on [[Signal]] — {client} gets a bid {day}, not public yet, you want in?
nl|compliance.off_channel compliance.insider_info|-|whatsapp me, hoorde dat {client} de outlook gaat verlagen, nog niet bekend. verkopen?
en|compliance.off_channel ip.codename|o|[[delete]] after reading: {cn} signing is {day}
en|compliance.insider_info compliance.front_running|-|{client} is taking a 5% stake in {client2} via our desk next week, not public. buy yours before our block goes through
en|compliance.insider_info ip.codename|o|{cn} is the {client} [[takeover]], announced {day}. buy before then
""")
