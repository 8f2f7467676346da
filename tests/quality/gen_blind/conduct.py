"""Positive templates, conduct (conduct.*). [[word]] marks what an obfuscated variant
disguises. Format: see common.parse."""
from .common import parse

ENTRIES = parse(r"""
# ---------------------------------------------------------------- conduct.profanity
en|conduct.profanity|o|[[fuck]], the VPN dropped again mid-upload
en|conduct.profanity|o|this [[shit]] build has been red since {time}
en|conduct.profanity|o|oh for [[fuck]]'s sake, who merged to main without review
en|conduct.profanity|o|[[goddamn]] excel crashed and I hadn't saved
en|conduct.profanity|-|well that went to shit fast 😂
en|conduct.profanity|o|holy [[shit]] the {client} deal actually closed
en|conduct.profanity|-|shit shit shit sent the wrong version to {client}
nl|conduct.profanity|o|[[kut]]trein staat weer stil bij {city}
nl|conduct.profanity|o|[[klote]]dag, alles loopt mis
nl|conduct.profanity|o|[[godverdomme]], de printer is alweer leeg
nl|conduct.profanity|o|[[verdomme]], vergeten op te slaan
nl|conduct.profanity|o|[[kolere]] wat is het druk op de A10
nl|conduct.profanity|-|tering, die koers gaat hard omlaag
nl|conduct.profanity|o|[[tyfus]]herrie van die boor hiernaast
nl|conduct.profanity|-|wat een kankerweer vandaag 🌧️
nl|conduct.profanity|-|kutzooi, de export is weer leeg

# ---------------------------------------------------------------- conduct.harassment
en|conduct.harassment|o|{name} is a complete [[idiot]], can't even read a spreadsheet
en|conduct.harassment|o|honestly {name} you're the most useless [[moron]] on this desk
en|conduct.harassment|o|don't give it to {name}, too [[stupid]] to get it
en|conduct.harassment|-|the new intern is fit, I'd do her after the borrel 😏
en|conduct.harassment|-|{name} only got promoted by sleeping with the MD
en|conduct.harassment|-|nobody asked for your opinion {name}, go back to your own country
en|conduct.harassment|-|look at {name} in that skirt today 🔥🔥 wouldn't mind some overtime with her
en|conduct.harassment|o|{name}, are you [[retarded]] or just lazy?
en|conduct.harassment|o|lol {name} is such a [[loser]], still lives with mummy
en|conduct.harassment|-|what a pathetic little man {name} is, can't wait till he's gone
nl|conduct.harassment|o|{name} is echt een [[sukkel]], snapt er helemaal niks van
nl|conduct.harassment|o|wat een [[debiel]] is die nieuwe analist
nl|conduct.harassment|o|{name} jij bent gewoon een waardeloze [[trut]]
nl|conduct.harassment|o|die [[mongool]] van IT heeft mijn laptop weer gesloopt
nl|conduct.harassment|-|{name} hoeft met dat decolleté natuurlijk geen targets te halen 😉
nl|conduct.harassment|-|ga toch terug naar je eigen land {name}
nl|conduct.harassment|o|{name} is een luie [[eikel]], laat alles aan ons over
nl|conduct.harassment|-|zag je {name} vandaag? lekker ding, die wil ik wel eens alleen op m'n kamer hebben
nl|conduct.harassment|o|jij [[dombo]], lees eerst de mail voor je iets roept
nl|conduct.harassment|-|{name} is zo nuttig als een lege fles, wat een nietsnut

# ---------------------------------------------------------------- conduct.threat
en|conduct.threat|o|{name} [[watch]] your back, I'm not joking
en|conduct.threat|-|if you report this to compliance I'll make sure you never work in this city again
en|conduct.threat|o|say that again and I'll [[break]] your legs {name}
en|conduct.threat|o|I know where you [[live]] {name}, remember that
en|conduct.threat|o|keep pushing me and you'll get [[hurt]], simple as that
en|conduct.threat|o|one more mistake and I'll come to your desk and [[punch]] you in the face
en|conduct.threat|-|you'd better sign it off, or your kids might not get home safe
en|conduct.threat|o|I swear I'll [[smash]] your car if you park there again
en|conduct.threat|-|wait till I catch you in the car park, {name}
nl|conduct.threat|o|ik weet waar je [[woont]] {name}, denk daar maar aan
nl|conduct.threat|o|als je dit nog een keer doet [[sla]] ik je in elkaar
nl|conduct.threat|o|pas maar op {name}, ik maak je [[kapot]]
nl|conduct.threat|o|nog één keer en je krijgt een [[klap]] voor je kop
nl|conduct.threat|-|als je naar HR stapt zorg ik dat je nergens meer aan de bak komt, en je weet wat ik bedoel
nl|conduct.threat|-|wacht maar tot je vanavond naar je auto loopt
nl|conduct.threat|o|ik [[steek]] je neer als je me nog één keer zo aankijkt
nl|conduct.threat|o|kijk maar uit, ik weet op welke school je [[kinderen]] zitten
nl|conduct.threat|-|ik kom je halen na je werk, reken maar

# ---------------------------------------------------------------- more than one
en|conduct.profanity conduct.harassment|o|{name} you [[fucking]] idiot, you sent it to the client
nl|conduct.profanity conduct.harassment|o|wat een [[kut]]wijf is die {name}
en|conduct.profanity conduct.harassment|-|{name} is a shit manager and an even worse human being
nl|conduct.profanity conduct.harassment|o|{name} is een [[kanker]]lijer
en|conduct.harassment conduct.threat|-|{name} you useless cow, say that again and I'll smash your face in
nl|conduct.profanity conduct.threat|o|[[tering]] {name}, nog één woord en ik trap je helemaal verrot
""")
