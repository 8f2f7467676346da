#include "tools/sample_corpus.h"

#include <array>

namespace holdfast::tools {

namespace {

constexpr std::string_view kEnglish[] = {
    "Can we move the sprint review to Thursday afternoon?",
    "The build is green again, thanks for the quick fix.",
    "I've shared the slides for tomorrow's customer call.",
    "Lunch at 12:30? The new place around the corner.",
    "Order 4412 8830 1123 shipped this morning, tracking follows.",
    "Reminder: expense reports are due on Friday.",
    "Who owns the onboarding checklist now?",
    "The client asked for a revised quote by end of week.",
    "Great demo today, the team did a fantastic job.",
    "Please review my pull request when you have a minute.",
    "Our password policy says twelve characters minimum, see the wiki.",
    "The Q2 roadmap draft is in the shared drive.",
    "Heads up: the VPN will be down for maintenance tonight.",
    "Ticket 123456789 is waiting for the vendor.",
    "I'll be out of office next Monday and Tuesday.",
    "Can someone from finance check invoice 2024-0117?",
    "Is WhatsApp's new business API worth a look for support?",
    "This report is confidential? No, it's the public annual report.",
};

constexpr std::string_view kDutch[] = {
    "Kunnen we de retro naar donderdagmiddag verplaatsen?",
    "De build is weer groen, dank voor de snelle fix.",
    "Ik heb de slides voor het klantgesprek van morgen gedeeld.",
    "Lunchen om half één? Het nieuwe zaakje om de hoek.",
    "Vergeet niet je declaraties voor vrijdag in te dienen.",
    "Wie is nu eigenaar van de onboarding checklist?",
    "De klant wil voor het einde van de week een nieuwe offerte.",
    "Mooie demo vandaag, het team heeft het goed gedaan.",
    "Wil je mijn pull request even bekijken als je tijd hebt?",
    "Het concept van de roadmap voor Q2 staat op de gedeelde schijf.",
    "Let op: de VPN is vanavond uit de lucht voor onderhoud.",
    "Ik ben volgende week maandag en dinsdag vrij.",
    "Kan iemand van financiën factuur 2024-0117 controleren?",
    "Klantnummer 123456789 staat nog open bij de leverancier.",
    "Zijn de betalingen van vorige maand al verwerkt?",
};

constexpr std::string_view kSensitiveEnglish[] = {
    "Card for the conference booking: 4111 1111 1111 1111, exp 09/27.",
    "Use the corporate card 5500 0000 0000 0004 for the hotel.",
    "Please wire the deposit to NL91ABNA0417164300 today.",
    "Her BSN is 111222333 for the payroll form.",
    "Deploy key for staging: AKIAIOSFODNN7EXAMPLF",
    "Here's my token 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 for the CI job.",
    "-----BEGIN RSA PRIVATE KEY----- pasted from the old server",
    "CONFIDENTIAL: draft figures for the acquisition, do not forward.",
    "Strictly confidential - board minutes attached.",
    "Let's take this to WhatsApp, not here.",
    "Text me on my personal phone about the pricing.",
    "Please delete this message after reading.",
};

constexpr std::string_view kSensitiveDutch[] = {
    "Maak het voorschot over naar NL20INGB0001234567 graag.",
    "Zijn burgerservicenummer is 123456782, voor de loonadministratie.",
    "Dit document is strikt vertrouwelijk, niet doorsturen.",
    "Bedrijfsvertrouwelijk: de cijfers van het derde kwartaal.",
    "Alleen voor intern gebruik, de nieuwe tarieven.",
    "Laten we dit via WhatsApp bespreken.",
    "Verwijder dit bericht na het lezen.",
    "App me even op mijn privénummer over de deal.",
};

template <size_t N>
constexpr size_t Count(const std::string_view (&)[N]) {
  return N;
}

}  // namespace

std::string SampleCorpus::Pick(const std::string_view* items, size_t count) {
  return std::string(items[Below(count)]);
}

std::string SampleCorpus::Chatter(bool dutch) {
  return dutch ? Pick(kDutch, Count(kDutch)) : Pick(kEnglish, Count(kEnglish));
}

std::string SampleCorpus::Sensitive(bool dutch) {
  return dutch ? Pick(kSensitiveDutch, Count(kSensitiveDutch))
               : Pick(kSensitiveEnglish, Count(kSensitiveEnglish));
}

std::string SampleCorpus::Text(unsigned sensitive_percent, std::string_view mention_user) {
  const bool dutch = Below(3) == 0;
  std::string text = Below(100) < sensitive_percent ? Sensitive(dutch) : Chatter(dutch);
  switch (Below(12)) {
    case 0:
      text = "<@" + std::string(mention_user) + "> " + text;
      break;
    case 1:
      text += " Details: <https://wiki.example.com/page/" + std::to_string(Below(900) + 100) +
              "|the wiki page>";
      break;
    case 2:
      text += " &amp; more in <#C0000001|general>";
      break;
    default:
      break;
  }
  return text;
}

}  // namespace holdfast::tools
