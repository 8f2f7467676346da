"""Clean chatter: nothing any category covers. One template a line; `\n` is a line break.
make_blind.py may add an opener or a closer, lower-case a post or swap two letters in a word,
the way people type in a hurry."""
from .common import lines

EN = lines(r"""
can someone book {room} for {time} {day}? need it for an hour
lunch order goes in at 12, {food} today, reply with what you want
is anyone else's outlook super slow or is it just me
{name} are you joining the {client} call or shall I take notes
pushed the fix for {ticket}, pls review when you have a sec
running 10 min late, train stuck outside {city} again
who's in the office {day}? thinking of coming in
the recon broke again on the FX side, looking into it
happy birthday {name}!! 🎂 cake in the kitchen at 3
reminder that timesheets are due {day} eod
does anyone have the latest version of the {client} deck? mine's from {month}
nice work on the quarterly review everyone, really smooth
the coffee machine on 2 is fixed ☕ finally
can I borrow someone's usb-c charger for 20 min?
WFH today, kid's sick, reachable on teams all day
anyone up for drinks after work {day}? 🍻
{client} moved the meeting to {time}, updated the invite
PR {pr} is ready, small change to the rounding in the fee calc
just landed in {city}, heading to the client now
the heating on 3 is broken again, facilities are on it
we hit {pct} of the {q} target already 🎉
can someone explain the new expense policy to me like I'm five
who has the keys to the bike shed
my laptop decided to update right before the pitch 😅
the risk report is late today, upstream feed was delayed
I'll be out {day} afternoon, dentist
anyone watching the match tonight?
thanks {name} for covering for me yesterday, owe you one
what's the dial-in for the all hands? can't find the invite
bond market looking choppy this morning, ECB speakers later
euro's up against the dollar after the data this morning
the new joiner {name} starts {day}, pls say hi 👋
can we push standup to {time}? clashes with the {client} call
jira is down for maintenance until {time}
fire drill at 11, leave your stuff and go to the square
parking garage is full again, park at the P+R
has anyone tried the new {food} place around the corner?
updated the onboarding doc, added a section on the VPN setup
releasing {version} to prod at {time}, shout if you see anything weird
who ordered 40 bananas lol
quarterly numbers deck is on sharepoint in the usual folder
pls fill in the survey from HR, takes 5 min
we need one more person for the padel team {day}
board meeting prep: I've drafted slides 1-8, {name} has the rest
client visit went well, they want a follow-up in {month}
does anyone know how to merge cells in the new excel without it breaking
the printer on 4 is printing everything in pink, no idea why
cancelled my {time}, can do the review then if that works
reminder: office closed {day} for the public holiday
anyone have a spare ticket for the conference in {city}?
new seating plan is up on the board by the lifts
my calendar is a disaster this week, sorry for the slow replies
flight delayed 2h, will dial into the {time} from schiphol
the vending machine ate my coin again
can someone approve my leave request for {month}?
good luck with the pitch today {name}! 🤞
sent the minutes from yesterday, shout if I missed anything
team lunch {day}, {food}, on the company 🎉
pls stop microwaving fish on 3 🙃
rebooked the {client} dinner for {time}, table for 6
summer party save the date: {date}
the wifi in {room} keeps dropping, anyone else?
finished the first draft of the annual review, feedback welcome
who's taking minutes at the steering committee?
the nightly batch ran clean for once ✅
we're out of milk on 2 again
can we get a second monitor for the new analyst?
{name} your car lights are on in the garage
fun fact: {client} has been a client for 20 years this month
recruitment update: 3 interviews this week for the ops role
sorry, was in back-to-backs, catching up now
the {app} add-in keeps crashing, reinstalling
bloomberg terminal on desk 3 is free if anyone needs it
we're trialling standing desks on 4, sign up if interested
yoga {day} at 12:30 in {room}
the cleaners are coming at 6 so clear your desks pls
the pricing curve looks stale, hasn't moved since {time}
moved the retro to {day}, half the team is out
nice one on closing the {client} renewal {name} 💪
does anyone know if the canteen stays open during the renovation
coffee anyone? going to the place on the corner
heads up, the fire door on 1 is alarmed now
presentation skills training {date}, 8 spots left
visitors from {client} at 2, pls keep {room} tidy
my headset died, dialing in from my laptop speakers sorry
who's organising the sinterklaas surprises this year?
just realised I've been on mute for 5 minutes 🤦
{service} is slow today, ticket raised
submit your expenses before month-end close pls
can you resend the agenda? it got buried
big thanks to facilities for sorting the bike racks
{name} are you taking the 8:12 or the 8:42 tomorrow?
anyone know a decent hotel near the {city} office?
rates desk had a busy morning, volumes way up
pls bring your laptop to the workshop {day}
we're over budget on catering, let's keep the borrel simple
the draft audit findings are in, mostly minor stuff
ran 18k this weekend for the marathon training, legs are gone 😂
podcast recommendations for the commute? finished all mine
KYC refresh for {client} is done, filed in the client folder
settlement fail on the {client} trade, chasing the custodian
need sign-off on the {q} forecast by {day}
can we get the quarterly attestations done before the holiday?
ops: all trades booked, breaks cleared, see you tomorrow
audit wants the access review evidence by {date}
the regulator's consultation paper is out, {name} will do a summary
the FX fixing was a bit off this morning, nothing major
the new CRM fields are live, pls fill in sector and region
anti-money laundering training due {date}
I'll present the {q} numbers to the MT on {day}
team offsite in {city} confirmed, travel details next week
who's on call this weekend?
did the {client} invoice go out yet?
the market data contract renewal is with procurement
gentle nudge on the {ticket} review 🙏
client asked for the factsheet in dutch as well, can someone translate
risk limits look fine today, nothing flagged
can you add me to the distribution list for the daily pnl?
new coffee beans in the kitchen, the good ones 😍
planning the q&a for the town hall, send questions to {name}
sharepoint migration this weekend, files read-only from friday 6pm
who's got the clicker for the presentation room?
bus replacement between {city} and amsterdam this weekend fyi
the lift on the left is out of order again
we won best boutique manager at the awards! 🏆
the sustainability report is out, nice work everyone
does anyone know if the new laptops come with a dock?
pls RSVP for the christmas dinner by {date}
got a parking fine outside the client's office, is that expensable lol
the canteen has vegan options now 🌱
onboarding buddy needed for {name}, any volunteers?
Excel tip: ctrl+shift+L toggles filters, you're welcome
rebalance trades for the model portfolios are done
fund factsheets for {month} are on the website
welcome back {name}! how was the trip?
lost my badge, anyone seen a blue lanyard?
the new org chart is on the intranet
dentist ran over, back online at {time}
I'm covering for {name} while she's on leave
the {client} due diligence questionnaire is 200 questions 😩
confirmed the venue for the client event, 80 guests
can anyone lend me an HDMI adapter?
heads up that I'll be a bit slow today, migraine
new version of the trading calendar is uploaded
approved your PR, one nit about naming
server patching {day} night, expect a short outage
what time does the building close on fridays?
congrats {name} on the promotion!! 🥳
thanks for the flowers everyone, so sweet 💐
going for a walk at lunch, anyone?
ok who took my stapler
let's sync on the budget after standup
the fridge gets cleared out friday, label your stuff
updated the runbook for the month-end close
can we move our 1:1 to thursday?
sorry for the noise, there's drilling next door all day
the new hire training deck is in the HR folder
can someone check whether the {client} mandate allows EM debt?
good piece on private credit in the FT today
the dollar rally is hurting the EM book this week
brent's up 3% on the supply news
gilts sold off after the budget, desk is busy
decent month, {pct} net of fees
the benchmark was rebalanced last night, checking the drift
ECB left rates unchanged, as expected
credit spreads tighter again, hard to find value
the {client} annual report is out, worth a skim
volumes thin ahead of the holiday
casual friday reminder, jeans are fine
anyone going to the charity run on sunday?
we need a new name for the team channel, suggestions?
my screen is flickering, is it the dock or the cable
the new meeting rooms have booking screens, tap your badge
is {name} in today? need a signature
pls don't book {room} on wednesdays, it's reserved for interviews
the shuttle to the station leaves at 17:35
{name} thanks for the intro to {client}, very helpful
legal is fine with the engagement letter wording
pension info session {date}, bring your questions
I'm hosting the pub quiz this month, teams of 4
the air con on 5 is arctic 🥶
the bike repair guy is here on thursday, sign up at reception
how do I get a permit for the new garage?
it's raining sideways out there, bring a coat
pastries from the client meeting are in the kitchen, help yourselves
do we have a template for the client onboarding letter?
year-end letters go out {date}
all-hands recording is on the intranet if you missed it
""")

NL = lines(r"""
wie heeft er zin in {food} vanmiddag?
ik ben er {dag} niet, vrij genomen
kan iemand {room} boeken voor {time}? het lukt mij niet
de trein heeft weer vertraging, ben er rond {time}
vergeten te lunchen, nog iemand een broodje over? 😅
{name} zit jij morgen op kantoor?
de koffieautomaat doet het weer ☕
zijn de notulen van het overleg al rond?
offerte voor {client} aangepast, graag even checken
gefeliciteerd {name}!! 🎉 taart staat in de keuken
wie heeft de sleutel van het fietsenhok?
thuiswerken vandaag, de kleine is ziek
kan iemand mijn verlofaanvraag goedkeuren?
het overleg met {client} is verplaatst naar {dag} {time}
sta in de file bij {city}, begin iets later
heeft iemand een oplader voor een macbook?
de verwarming op de 3e doet het weer niet 🥶
{name} kun jij de agenda rondsturen?
borrel vrijdag om 5 uur, wie komt er?
het urenportaal ligt eruit, straks nog eens proberen
de presentatie voor {dag} is bijna af
wie gaat er mee naar het klantevent in {city}?
kunnen we de stand-up een kwartier later doen?
rapport voor {client} is verstuurd ✅
mijn laptop wil niet opstarten, ik bel de servicedesk
nieuwe collega {name} begint {dag}, zeg even hoi
wie heeft er nog declaraties openstaan? deadline is {dag}
lekker weer vandaag, lunch buiten?
de lift doet het weer niet, trap dus 🙃
ben even weg voor een afspraak, rond {time} terug
heeft iemand de laatste versie van het budget?
we zitten op {pct} van het jaardoel, goed bezig
vergeet niet je uren te schrijven voor vrijdag
de printer op de 2e is weer vastgelopen
kan iemand even meekijken naar {ticket}?
de klant wil de rapportage voortaan maandelijks
zit vast in een overleg, bel je straks terug
wie heeft mijn mok gepakt? die met de eend 🦆
de schoonmakers komen om 6 uur, bureau leeg aub
ik pak de trein van {time}, iemand mee?
kerstborrel is op {date}, zet het in je agenda
kan iemand de lunchbestelling doen?
heb jij de cijfers van {maand} al verwerkt?
parkeergarage is vol, ik sta bij de P+R
we gaan met het team bowlen {dag}, doe je mee?
het nieuwe koffiezetapparaat is echt top
sorry, zat in een gesprek, nu weer beschikbaar
kan de beamer in {room} gemaakt worden? doet het niet
de audit begint {dag}, zorg dat je dossiers op orde zijn
verjaardag van {name} vandaag! 🎂
het overleg van {time} gaat niet door
zie je mail even, ik heb een vraag over het contract met {client}
ik werk vandaag vanuit {city}
kan iemand mij toevoegen aan het kanaal van {team}?
de jaarafsluiting loopt goed, nog twee dingen open
vanavond padel, nog iemand?
het is vandaag echt druk op de desk
mooi resultaat deze maand, iedereen bedankt
planning voor {maand} staat in de gedeelde map
de klant heeft getekend! 🥳
wie weet hoe je een vergaderruimte boekt in de nieuwe app?
wegwerkzaamheden op de ring, reken op vertraging
heb jij nog tijd voor een kort overleg voor {time}?
de lunch is er, kom maar naar de kantine
mijn headset doet raar, horen jullie me?
ik ga {dag} met {name} naar {client} in {city}
ik heb de handleiding bijgewerkt
vergeet de enquête van HR niet in te vullen
eindelijk weekend 🎉
goeiemorgen allemaal ☀️
iemand een goede kapper in de buurt? 😂
ECB houdt de rente gelijk, geen verrassing
de euro staat sterk vandaag
rustige dag op de markt, weinig volume
obligatiemarkt is onrustig na de cijfers van vanochtend
klant vraagt om extra toelichting op de kosten
morgen brandoefening om 11 uur
de bonnetjes van de lunch liggen bij {name}
wie eet er mee bij de Thai vanavond?
heeft iemand {name} gezien? ze moet nog iets tekenen
ik heb de planning aangepast, zie de gedeelde agenda
de nieuwe stoelen zijn eindelijk geleverd
iemand een idee waarom excel zo traag is vandaag?
de salarisstroken staan online
ik ben {dag} de hele dag bij {client}
fijn dat je meedacht {name}, dank!
de workshop is verplaatst naar {date}
ik zit in {room} als je me zoekt
vergeet je pasje niet, de deur gaat om 7 op slot
kunnen we het budgetoverleg naar volgende week schuiven?
de borrel op het dakterras gaat door, het blijft droog 🤞
nieuw in de kantine: soep van de dag
weet iemand of de garage in het weekend open is?
eerste versie van het jaarverslag staat klaar voor review
ik sta op de gastenlijst voor het event, jij ook?
wie heeft de fietspomp geleend?
fijne vakantie {name}! 🌴
de nieuwe huisstijl wordt {dag} gepresenteerd
kunnen we de retro na de lunch doen?
er liggen nog stroopwafels op de 4e
de klant wil de kick-off in {city}
het MT-overleg is uitgelopen, sorry
iemand zin om de sinterklaasviering te organiseren?
de input van {team} is verwerkt
wat is de deadline voor de kwartaalrapportage?
even checken: zijn de facturen van {maand} allemaal verstuurd?
de nieuwe laptops worden {dag} uitgedeeld
{name} bedankt voor het inwerken, super fijn
de airco op de 5e staat weer eens op ijskoud
wie heeft de afstandsbediening van de tv in de kantine?
kunnen we morgen even sparren over de pitch?
van wie is de tas die in de kantine staat?
wie zit er in de jury van de hackathon?
het jaarlijkse uitje is op {date}, meer info volgt
tandarts vandaag, ik ben er na de lunch
klanttevredenheid is gestegen naar een 8,1
de stagiair begint {dag}, wie wil buddy zijn?
het gebouw is {dag} dicht vanwege onderhoud
de rapportage van {client} klopt niet helemaal, ik kijk er nog naar
iemand nog kaartjes nodig voor het concert?
wat een regen zeg 🌧️
de nieuwe declaratie-app werkt prima
wie kan er {dag} bij de receptie invallen?
klant teruggebeld, alles is opgelost
ik heb een opzetje gemaakt voor de nieuwsbrief
zijn de slides voor de kwartaalpresentatie al af?
de afrekening van het etentje staat in de groep
de klant vraagt of we {dag} langs kunnen komen
weet iemand waar de extra stoelen staan?
ff een rondje lopen, iemand mee?
lange dag, tot morgen allemaal 👋
de ticketing tool is traag, IT weet ervan
bedankt voor de bloemen, echt lief 💐
de kpi's voor {q} zijn bijgewerkt
de lunchlezing van {dag} gaat over duurzaam beleggen
het verslag van de klantdag staat op intranet
wie komt er {dag} naar de teamdag?
willen jullie je zomerverlof doorgeven?
de thee is op, wie doet er boodschappen?
de bestuursvergadering is verschoven naar {date}
tip voor een restaurant in {city}?
mijn tweede scherm doet het niet meer
contractverlenging {client} is rond
dank voor de snelle reactie {name} 🙏
wie houdt de planning voor het weekend bij?
heeft iemand ook last van de herrie van de verbouwing?
vandaag pizza in de kantine 🍕
de klant komt {dag} op kantoor, ruim je bureau even op
memo over de nieuwe fondsstructuur is rondgestuurd
het dashboard wordt elke ochtend om 7 ververst
zie ik jullie straks bij de borrel?
hoe laat gaat de laatste pont? 🚲
waar liggen de nieuwe visitekaartjes?
{name} heeft een puppy! foto's in de groep 🐶
de koffie op de 3e is echt niet te drinken
morgen ben ik er pas om 10 uur, oudergesprek
is de factuur van {client} al betaald?
kun je de rapportage van {maand} nog een keer draaien?
de stroom viel net even uit op de 2e, alles weer aan?
wie heeft de kantine-afwas deze week?
het jaarplan voor {team} staat in concept klaar
ik heb een afspraak met {client} ingepland voor {dag}
""")

MIXED = [
    ("nl", "hebben we al een update van {client}? they were supposed to send it {day}"),
    ("nl", "ff checken: is de deadline nog steeds eod {dag}?"),
    ("en", "meeting met {client} went well, they want a follow-up"),
    ("nl", "kun je een quick check doen op de numbers voor {q}?"),
    ("nl", "ik ben ooo tot {dag}, {name} neemt het over"),
    ("nl", "sorry, zat in een call, ik ping je straks"),
    ("nl", "de deck is bijna af, alleen de appendix nog"),
    ("en", "lol de printer is weer stuk, classic"),
    ("nl", "heb je de invite voor de offsite gezien?"),
    ("nl", "let me know als je hulp nodig hebt met de forecast"),
    ("en", "nice, thanks! ik kijk er morgen naar"),
    ("nl", "wie joint er de townhall in de kantine?"),
    ("nl", "ik heb een slot geblokt voor de review, {dag} {time}"),
    ("nl", "de stakeholders willen meer detail op de cost base"),
    ("en", "can you share the link naar het dashboard?"),
    ("nl", "top, dan schuiven we de go-live naar {date}"),
    ("nl", "btw de wifi op de 3e is super traag vandaag"),
    ("nl", "kunnen we dit parkeren tot na de summer break?"),
    ("nl", "feedback verwerkt, v{n} staat in de map"),
    ("en", "is de kick-off still on for {day}?"),
    ("nl", "ik doe vandaag een halve dag, rest van de middag off"),
    ("nl", "de client wil de fees herzien, moeten we even over sparren"),
    ("nl", "no worries, komt goed 👍"),
    ("nl", "wie heeft er bandwidth voor een kleine analyse?"),
    ("nl", "slides zijn gestuurd, de disclaimer moet nog aangepast"),
    ("nl", "reminder: retro om {time}"),
    ("en", "super, dankjewel! have a good weekend"),
    ("nl", "de sprint review is verzet, new invite komt eraan"),
    ("nl", "kan iemand een sanity check doen op mijn excel?"),
    ("nl", "wat is de status van {ticket}? klant zit erop te wachten"),
    ("nl", "we moeten de scope van het project even challengen"),
    ("en", "the borrel was super gezellig, thanks everyone"),
    ("nl", "iemand zin in een coffee run?"),
    ("nl", "eerst afstemmen met {team} voordat het naar {client} gaat"),
    ("en", "quick q: who owns the {client} onboarding now dat {name} weg is?"),
    ("nl", "heb de numbers gecheckt, looks good to me"),
    ("en", "running late, sorry! ben er over 10 min"),
    ("nl", "de call met {client} is gecanceld, rescheduled naar {dag}"),
]

LONG = [
    ("en", "Weekly update {team}:\n- {client} onboarding: on track, kick-off {day}\n- recon breaks down to {n}\n- hiring: 2 offers out\nBlockers: none really, maybe audit prep\nHave a good weekend all 🙂"),
    ("nl", "Hoi allemaal,\n\nEven een update over de verhuizing naar de 4e verdieping. De dozen worden {dag} gebracht, graag je bureau leegruimen vóór vrijdag {time}. Vragen? Stel ze aan {name}.\n\nGroet,\n{name2}"),
    ("en", "Standup notes {date}\n{name}: finishing the {client} report\n{name2}: on the pricing fix, blocked on data\nme: interviews all afternoon\nretro moved to {day}"),
    ("en", "Release notes {version}\n• faster loading of the positions screen\n• export to excel keeps the formatting now\n• fixed the timezone issue in the trade blotter\nThanks to everyone who tested!"),
    ("nl", "Notulen teamoverleg {date}\n1. Terugblik {maand}: goede maand, {pct} boven plan\n2. Vakantieplanning: graag invullen vóór {dag}\n3. Rondvraag: {name} vraagt om nieuwe stoelen\nVolgende keer: {date}"),
    ("en", "Hi all,\n\nQuick reminder about the office closure over the holidays. The building is closed from the 24th until the 2nd. If you need access in that period, let facilities know before {date}.\n\nEnjoy the break! 🎄"),
    ("en", "Monthly market wrap ({month})\nEquities: up modestly, tech leading\nRates: curve steepened after the ECB\nFX: euro firmer vs the dollar\nCommodities: oil range-bound\nFull note on the intranet later today."),
    ("nl", "Beste collega's,\n\nVolgende week {dag} is er een lunchlezing over duurzaam beleggen. Spreker is {fullname} van {client}. Aanmelden kan bij {name}, er zijn 30 plekken.\n\nTot dan!"),
    ("en", "Incident summary {ticket}\nWhat happened: the nightly batch ran 2h late\nImpact: risk report delayed, no client impact\nCause: upstream file arrived late\nFollow-up: alerting on file arrival ({name})"),
    ("nl", "Samenvatting klantgesprek {client}:\n- tevreden over de rapportages\n- willen graag een kwartaalgesprek\n- vraag over de kostenstructuur, {name} pakt dat op\nVolgende afspraak: {date}"),
    ("en", "Onboarding checklist for {name}:\n1. laptop + badge (IT, {day})\n2. intro with {team}\n3. compliance training modules\n4. lunch with the team 🍝\nLet me know if I missed something"),
    ("nl", "Planning teamuitje {date}:\n10:00 verzamelen bij het station\n10:30 sloepvaren\n13:00 lunch\n15:00 workshop\n17:00 borrel\nNeem regenkleding mee, je weet maar nooit 🌧️"),
    ("en", "Retro {team}, sprint {n}\nWent well: fewer late-night fixes, good teamwork on {client}\nCould improve: too many meetings, unclear priorities mid-sprint\nActions: {name} trims the standing meetings, {name2} grooms the backlog earlier"),
    ("nl", "Update verbouwing:\n- de kantine is vanaf {dag} weer open\n- de liften krijgen om beurten onderhoud\n- parkeren tijdelijk in de garage aan de overkant\nExcuses voor het ongemak!"),
    ("en", "Travel plan {city} trip\nFlights: out {day} 7:10, back thursday evening\nHotel: walking distance from the office\nDinner with {client} on wednesday\nPack an umbrella, forecast is grim"),
    ("nl", "Hoi {name},\n\nDank voor je hulp bij de kwartaalrapportage. Ik heb je opmerkingen verwerkt en de nieuwe versie in de map gezet. Kun je er {dag} nog even naar kijken?\n\nGroetjes"),
    ("en", "Pub quiz results 🏆\n1st: the Spreadsheet Warriors\n2nd: Risky Business\n3rd: {team}\nWooden spoon goes to IT, better luck next time 😂"),
    ("en", "Month-end close plan\nday 1: accruals + bank recs\nday 2: intercompany, fx revaluation\nday 3: review with {name}\nday 4: reporting pack to the MT\nShout early if something is stuck"),
    ("nl", "Beste allemaal,\n\nHet nieuwe declaratiesysteem gaat {date} live. Oude declaraties graag vóór die tijd indienen. Een korte handleiding staat op intranet en {name} geeft {dag} een demo in {room}.\n\nMet vriendelijke groet,\nFinance"),
    ("en", "Hey team,\n\nHuge thanks for the effort this quarter. We closed {n} new mandates and client feedback has been great. Drinks on me {day} 🍻\n\n{name}"),
    ("nl", "agenda MT {date}\n1. opening\n2. cijfers {maand}\n3. personeel en organisatie\n4. kantoor {city}\n5. rondvraag\nstukken volgen uiterlijk {dag}"),
    ("en", "Client event checklist\n- venue confirmed ✅\n- catering: {food} + vegetarian options\n- name badges: {name}\n- photographer: still looking\n- invites: sent to 120, 64 yes so far"),
    ("nl", "Korte terugkoppeling van de heisessie:\n* we focussen volgend jaar op drie klantsegmenten\n* meer samenwerking tussen {team} en sales\n* nieuwe doelen per kwartaal\nUitgebreid verslag volgt via {name}"),
    ("en", "Reminder re: annual reviews\nSelf-assessment due {date}\nManager conversations in {month}\nCalibration the week after\nQuestions to HR or your manager 🙂"),
    ("nl", "Hoi team,\n\nIk ben vanaf {dag} twee weken met verlof. {name} neemt mijn klanten waar, voor {client} kun je bij {name2} terecht. Tot snel! ☀️"),
    ("en", "Desk notes {date}\n- quiet open, volumes picked up after lunch\n- {client} rebalanced as planned, all filled\n- one settlement break, resolved with the custodian\n- tomorrow: CPI at 14:30, expect noise"),
]

EN_OPEN = ["", "", "", "", "", "", "morning all, ", "hey, ", "quick one: ", "@here ", "hi team, ",
           "fyi ", "ok so ", "heads up: ", "{name} ", "btw "]
EN_CLOSE = ["", "", "", "", "", "", " thx", " 🙏", " thanks!", " lmk", " cheers", " {emoji}",
            " ta", " 👍", " ty"]
NL_OPEN = ["", "", "", "", "", "", "goeiemorgen! ", "hoi, ", "ff snel: ", "@channel ", "hee {name}, ",
           "fyi ", "even checken: ", "btw ", "zeg, ", "nou, "]
NL_CLOSE = ["", "", "", "", "", "", " thx", " dank!", " 🙏", " groetjes", " {emoji}", " top",
            " merci", " 👍", " dankjewel"]
