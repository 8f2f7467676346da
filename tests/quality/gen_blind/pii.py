"""Positive templates, personal data (pii.*). Format: see common.parse."""
from .common import parse

ENTRIES = parse(r"""
# ---------------------------------------------------------------- pii.credit_card
en|pii.credit_card|o|can someone pay the {client} conference invoice? company card {card} exp {exp}, I'm ooo till {day}
en|pii.credit_card|-|hey {name} the amex for the team offsite is {amex}, expiry {exp}, cvv on the back is {cvc}
en|pii.credit_card|o|booking the flights to {city} now w/ my own card ({visa}), will expense it later
en|pii.credit_card|o|fyi the vendor portal rejected {card} again 🙄 anyone know why
en|pii.credit_card|-|Card for the Google Ads account changed to {mc} (exp {exp}), pls update in Netsuite
en|pii.credit_card|o|client rang, wants to settle the outstanding {amount} by card: {card}, name on card {fullname}
en|pii.credit_card|-|lol pasted my card no in the wrong chat {card_compact} ignore pls 🙈
en|pii.credit_card|o|Travel booking for {name}:\n- hotel: 2 nights {city}\n- card: {card}\n- exp: {exp}\nthx!
en|pii.credit_card|-|whoever took the corporate mastercard {mc} out of the safe, pls bring it back to {team}
en|pii.credit_card|o|{name} can u put the SaaS renewal on {card}? the other one is maxed
nl|pii.credit_card|o|kan iemand de parkeerkosten voorschieten? creditcard {card} verloopt {exp}
nl|pii.credit_card|o|de zakelijke visa is {visa}, cvc {cvc}, niet verder sturen aub 😅
nl|pii.credit_card|o|klant belde: wil met kaart betalen, nummer {card}, geldig t/m {exp}
nl|pii.credit_card|-|ff voor de administratie: boeking {ticket} betaald met {card}
nl|pii.credit_card|o|pas kwijt dus nieuwe creditcard: {card}, wil jij die in het reisportaal zetten?
nl|pii.credit_card|-|lunch bij {client} afgerekend met de bedrijfscreditcard {amex} ✅ bonnetje volgt
nl|pii.credit_card|-|waarom pakt de webshop van de drukker {card} niet 😩

# ---------------------------------------------------------------- pii.iban
en|pii.iban|o|new supplier {client} — please pay to {iban}, ref {ticket}
en|pii.iban|o|my salary should go to {iban_nl} from next month, can payroll update?
en|pii.iban|-|refund for the conference ticket can go to {iban} (acct holder {fullname})
en|pii.iban|-|got the bank details from {client}: {iban}, BIC to follow
en|pii.iban|-|pls double check, is it {iban} or did they send a different one last week?
nl|pii.iban|o|kun je {amount} overmaken naar {iban_nl} tnv {fullname}? thx
nl|pii.iban|o|nieuw rekeningnummer voor mijn declaraties: {iban_nl}
nl|pii.iban|-|de huur van de opslag gaat voortaan naar {iban}, omschrijving {ticket}
nl|pii.iban|o|tikkie doet raar, stuur maar naar {iban_nl} 🙏
nl|pii.iban|-|factuur {ticket} van {client} staat nog open, te betalen op {iban}
nl|pii.iban|-|mijn nieuwe rekening is {iban_nl}, de oude mag eruit

# ---------------------------------------------------------------- pii.email
en|pii.email|o|can you cc {work_email} on the {client} thread? she's their new account manager
en|pii.email|-|bounce on {work_email}, anyone got the new address?
en|pii.email|-|invoices for {client} should go to {role_email} from now on
en|pii.email|-|the alerts come from {role_email}, pls whitelist it in your outlook rules
en|pii.email|-|service account is {sa_email}, can someone give it viewer on the bucket
en|pii.email|-|you can reach {name} at {work_email} while her account is being migrated
nl|pii.email|o|stuur de getekende offerte naar {work_email} aub
nl|pii.email|o|wie beheert {role_email}? daar staan 40 ongelezen mails in
nl|pii.email|o|mailadres van de nieuwe contactpersoon bij {client} is {email}
nl|pii.email|-|cv van {fullname} binnengekomen via {email}, stuur ik door naar {team}
nl|pii.email|-|graag alle facturen naar {role_email} ipv naar mij
nl|pii.email|o|{name}, je mailadres staat fout in de lijst, moet {work_email} zijn

# ---------------------------------------------------------------- pii.phone
en|pii.phone|o|for the {client} dial-in their switchboard is {nl_land}
en|pii.phone|o|{client}'s CFO direct line: {phone}
en|pii.phone|-|courier needed a number so I gave him {nl_mob}
en|pii.phone|o|emergency contact for the offsite: {fullname}, {phone}
en|pii.phone|o|for the Gent office reception call {be_phone}
en|pii.phone|o|Frankfurt hotline is {de_phone}, ask for {name}
en|pii.phone|-|London desk: {uk_phone} (ask for {name})
en|pii.phone|o|missed call from {phone}, anyone recognise it? 🤔
en|pii.phone|-|{name}'s new work mobile is {nl_mob}, pls update the on-call sheet
en|pii.phone|-|candidate {fullname} can be reached on {phone} after 5
en|pii.phone|-|locksmith: {nl_land}, they can come today
nl|pii.phone|o|nummer van de loodgieter is {nl_land}, hij kan donderdag
nl|pii.phone|o|receptie van {client} in Antwerpen: {be_phone}
nl|pii.phone|-|de koerier belt vanaf {phone}, graag opnemen als je hem ziet
nl|pii.phone|o|contactpersoon op locatie: {fullname}, {nl_mob}
nl|pii.phone|-|heeft iemand het nummer van de schoonmaakdienst? oh gevonden: {nl_mob}
nl|pii.phone|-|storingsdienst gebouw: {nl_land} (24/7)
nl|pii.phone|-|nieuwe collega {name} is tot haar laptop er is bereikbaar op {nl_mob}
nl|pii.phone|o|kantoor Frankfurt: {de_phone}, vraag naar {name}
nl|pii.phone|-|graag terugbellen naar {phone}, klant wacht

# ---------------------------------------------------------------- pii.national_id
en|pii.national_id|o|for the Gent hire we still need the rijksregisternummer: {rrn}
en|pii.national_id|o|onboarding {fullname} (Munich): Steuer-ID {steuer}, start {date}
en|pii.national_id|o|payroll needs her Spanish DNI, it's {dni}
en|pii.national_id|o|contractor from Madrid sent his NIE {nie} for the contract
en|pii.national_id|o|codice fiscale for the Milan consultant: {cf} — pls add to the vendor file
en|pii.national_id|o|French hire, numéro de sécurité sociale {nir}
en|pii.national_id|o|the Polish payroll form wants a PESEL, {name} gave me {pesel}
en|pii.national_id|-|KYC for {client}'s UBO: Belgian national register number {rrn}
en|pii.national_id|-|his tax id (Steuer-ID) is {steuer} according to the Lohnsteuer form
en|pii.national_id|-|NIE: {nie} (Spanish residency) for the Valencia office lease
nl|pii.national_id|o|rijksregisternummer van {fullname}: {rrn}, graag in het HR-dossier
nl|pii.national_id|o|de nieuwe Duitse collega heeft Steuer-ID {steuer}, kun jij dat in AFAS zetten
nl|pii.national_id|-|voor de huurovereenkomst in Barcelona: DNI {dni}
nl|pii.national_id|-|PESEL van de uitzendkracht: {pesel}
nl|pii.national_id|-|Italiaanse freelancer, codice fiscale {cf}, factuur volgt
nl|pii.national_id|-|klant uit Lyon stuurde z'n numéro de sécurité sociale {nir} mee, waarom 🙈
nl|pii.national_id|o|DNI {dni} — is dit genoeg voor de KYC-check van {client}?

# ---------------------------------------------------------------- pii.nl_bsn
nl|pii.nl_bsn|o|BSN van {fullname} is {bsn}, nodig voor de loonadministratie
nl|pii.nl_bsn|o|kun je dit burgerservicenummer checken: {bsn}
nl|pii.nl_bsn|o|nieuwe medewerker, bsn {bsn}, startdatum {date}
nl|pii.nl_bsn|-|sofinummer (oud woord, ik weet het): {bsn}
nl|pii.nl_bsn|o|voor de pensioenaanmelding: BSN {bsn} — graag vóór {dag}
nl|pii.nl_bsn|-|huurder {fullname}, BSN: {bsn}
en|pii.nl_bsn|o|HR needs her BSN for the contract: {bsn}
en|pii.nl_bsn|o|citizen service number of the new analyst: {bsn}
en|pii.nl_bsn|-|his BSN is {bsn} — payroll keeps rejecting it though
en|pii.nl_bsn|-|bsn = {bsn} (from the scanned form, pls verify)

# ---------------------------------------------------------------- pii.nl_id_document
nl|pii.nl_id_document|o|paspoortnummer van {name} voor de vlucht: {docnr}
nl|pii.nl_id_document|o|ID-kaart {docnr}, geldig tot {date}
nl|pii.nl_id_document|o|voor de KYC heb ik zijn identiteitskaart nodig, nummer {docnr}
nl|pii.nl_id_document|o|documentnummer {docnr} (paspoort), graag in het klantdossier
nl|pii.nl_id_document|o|heb een kopie van het paspoort, nummer is {docnr}
nl|pii.nl_id_document|-|kun jij documentnummer {docnr} even checken in het register?
nl|pii.nl_id_document|-|identiteitskaart {docnr} matcht niet met het uittreksel, wat nu
nl|pii.nl_id_document|-|passport {docnr} voor {fullname}, reis naar {city}
nl|pii.nl_id_document|o|visumaanvraag {name}: paspoort {docnr}, vertrek {date}
en|pii.nl_id_document|o|need passport numbers for the hotel in {city} — {name} sent {docnr}
en|pii.nl_id_document|o|ID card no. {docnr} for the visitor badge, {fullname}
en|pii.nl_id_document|o|the client's Dutch passport: {docnr}, valid until {date}
en|pii.nl_id_document|o|booking the Eurostar, passport {docnr}, is that right {name}?
en|pii.nl_id_document|-|compliance wants the identiteitskaart number of {client}'s director: {docnr}
en|pii.nl_id_document|-|documentnummer = {docnr}
en|pii.nl_id_document|-|{name}'s passport number is {docnr}, travel desk needs it by {day}

# ---------------------------------------------------------------- pii.postal_address
nl|pii.postal_address|o|nieuw adres: {street} {hnr}, {postcode} {nlcity}
nl|pii.postal_address|o|pakketje graag naar {street} {hnr}\n{postcode} {nlcity}\nt.a.v. {fullname}
nl|pii.postal_address|o|borrel is bij mij thuis! {street} {hnr}, {postcode} {nlcity} 🍻
nl|pii.postal_address|-|postcode {postcode} huisnummer {hnr} — klopt dat voor de leaseauto?
nl|pii.postal_address|o|verhuisd naar {postcode} {nlcity}, {street} {hnr}. kan iemand de adreswijziging doorvoeren
nl|pii.postal_address|-|factuuradres {client}: {street} {hnr}, {postcode} {nlcity}
nl|pii.postal_address|-|de monteur moet naar {street} {hnr} ({postcode}), sleutel ligt bij de buren
en|pii.postal_address|o|ship the laptop to {street} {hnr}, {postcode} {nlcity} pls
en|pii.postal_address|o|my new address for payroll: {street} {hnr}, {postcode} {nlcity}
en|pii.postal_address|-|send the flowers to {fullname}, {street} {hnr}, {postcode} {nlcity} 💐
en|pii.postal_address|-|offsite venue: {street} {hnr}, {postcode} {nlcity}

# ---------------------------------------------------------------- more than one
en|pii.postal_address pii.phone pii.email|-|{fullname}\nSenior Associate | Oosterdok Capital\n{street} {hnr}, {postcode} {nlcity}\nT {nl_land} | M {nl_mob}\n{work_email}
nl|pii.nl_bsn pii.iban|-|gegevens nieuwe collega: {fullname}, BSN {bsn}, IBAN {iban_nl}, start {date}
en|pii.iban pii.email|o|supplier payment details: {iban}, remittance advice to {role_email}
nl|pii.postal_address pii.phone|o|gegevens nieuwe huurder: {fullname}, {street} {hnr}, {postcode} {nlcity}, tel {nl_mob}
nl|pii.nl_id_document pii.nl_bsn|-|paspoort {docnr} en BSN {bsn} van {fullname} voor de screening
en|pii.credit_card pii.phone|o|customer called about card {card}, call her back on {phone}
nl|pii.postal_address pii.national_id|-|{fullname} verhuist naar NL: {street} {hnr}, {postcode} {nlcity}. Steuer-ID {steuer} voor de eindafrekening
en|pii.email pii.phone|-|new contact at {client}: {fullname}, {work_email}, {uk_phone}
""")
