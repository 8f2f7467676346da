// Posts are built from sentence templates whose slots ({n} name, {d} day, {p} project, {t}
// time, {c} customer, {k} number) are filled at random, so that no two posts need be the same
// and the scanners cannot profit from repeated text.
#include "tools/bench/scan_corpus.h"

#include <random>
#include <span>

namespace holdfast::tools::bench {
namespace {

constexpr std::string_view kEnglish[] = {
    "Can we move the {p} review to {d} at {t}?",
    "The {p} build is green again, thanks {n} for the quick fix.",
    "I've shared the slides for the call with {c} tomorrow.",
    "Lunch at {t}? {n} found a new place around the corner.",
    "Reminder: expense reports are due on {d}.",
    "Who owns the onboarding checklist for {p} now?",
    "{c} asked for a revised quote by end of week, {n} can you pick it up?",
    "Great demo today, the {p} team did a fantastic job.",
    "Please review my pull request #{k} when you have a minute.",
    "Heads up: the VPN will be down for maintenance on {d} night.",
    "Ticket {k} is waiting for the vendor, I pinged {n} again.",
    "I'll be out of office on {d}, {n} covers the {p} standup.",
    "Can someone from finance check invoice {k} for {c}?",
    "WhatsApp is down again today, use the Slack huddle instead.",
    "We should take this to the steering committee on {d}.",
    "The {p} dashboard shows {k} sessions since the release.",
    "thanks {n}!",
    "ok, works for me",
    "+1, let's ship it",
    "lgtm \xF0\x9F\x91\x8D",
    "Is anyone else seeing timeouts on the {p} staging cluster?",
    "Moved the retro to {d} {t}, the room is booked.",
    "Order {k} shipped this morning, tracking number follows.",
    "{n}, could you update the {p} wiki page with the new process?",
};

constexpr std::string_view kDutch[] = {
    "Kunnen we de {p} retro naar {d} om {t} verplaatsen?",
    "De build is weer groen, dank {n} voor de snelle fix.",
    "Ik heb de slides voor het gesprek met {c} van morgen gedeeld.",
    "Lunchen om {t}? Het nieuwe zaakje om de hoek.",
    "Vergeet niet je declaraties voor {d} in te dienen.",
    "Wie is nu eigenaar van de onboarding checklist van {p}?",
    "{c} wil voor het einde van de week een nieuwe offerte.",
    "Mooie demo vandaag, het {p} team heeft het goed gedaan.",
    "Wil je mijn pull request #{k} even bekijken als je tijd hebt?",
    "Let op: de VPN is {d} avond uit de lucht voor onderhoud.",
    "Ik ben {d} vrij, {n} neemt de standup van {p} over.",
    "Kan iemand van financi\xC3\xAB"
    "n factuur {k} van {c} controleren?",
    "Klantnummer {k} staat nog open bij de leverancier.",
    "Laten we dit in de standup bespreken.",
    "top, dank je {n}!",
    "prima, zo doen we het",
    "Het {p} overzicht staat op de gedeelde schijf, {n} heeft het bijgewerkt.",
    "Zijn de betalingen van vorige maand al verwerkt door {n}?",
};

constexpr std::string_view kNames[] = {"Anna",  "Bram",  "Chen",  "Daan", "Emma",  "Fatima",
                                       "Joost", "Lotte", "Marco", "Noor", "Priya", "Sanne"};
constexpr std::string_view kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
constexpr std::string_view kProjects[] = {"billing", "checkout", "Atlas",  "onboarding",
                                          "search",  "payroll",  "mobile", "data platform"};
constexpr std::string_view kTimes[] = {"9:30", "11:00", "12:30", "14:00", "15:45", "16:30"};
constexpr std::string_view kCustomers[] = {"Acme", "Rijnland Logistiek", "Northwind",
                                           "De Vries Bouw", "Globex"};

constexpr std::string_view kCards[] = {"4111 1111 1111 1111", "5500 0000 0000 0004",
                                       "4012888888881881", "378282246310005"};
constexpr std::string_view kIbans[] = {"NL91ABNA0417164300", "NL91 ABNA 0417 1643 00",
                                       "DE89 3704 0044 0532 0130 00"};

// One sensitive sentence each; {card}, {iban}, {aws} and {ghp} are filled like the slots.
constexpr std::string_view kSensitive[] = {
    "Can you charge {card} for the conference tickets?",
    "Please wire the deposit to {iban} today.",
    "Maak het bedrag over naar {iban} aub.",
    "This deck is strictly confidential, do not forward.",
    "Dit rapport is strikt vertrouwelijk, niet doorsturen.",
    "Let's take this to WhatsApp, too many people read this channel.",
    "Laten we dit via WhatsApp bespreken.",
    "aws_access_key_id = {aws}",
    "Here's my token for the CI job: {ghp}",
};

constexpr int kSensitivePerTenThousand = 200;  // 2% of posts
constexpr size_t kMaxPostBytes = 2048;

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  // Modulo bias is below 2^-50 for these small n: irrelevant to a benchmark corpus.
  uint64_t Below(uint64_t n) { return random_() % n; }
  std::string_view Pick(std::span<const std::string_view> items) {
    return items[Below(items.size())];
  }

  // How many sentences a post has: mean about 2.5, a long tail of pasted paragraphs.
  int SentenceCount() {
    const uint64_t roll = Below(1000);
    if (roll < 450) {
      return 1;
    }
    if (roll < 750) {
      return 2;
    }
    if (roll < 870) {
      return 3;
    }
    if (roll < 982) {
      return 4 + static_cast<int>(Below(3));
    }
    return 8 + static_cast<int>(Below(33));
  }

  void AppendRandom(std::string& out, std::string_view alphabet, int count) {
    for (int i = 0; i < count; ++i) {
      out += alphabet[Below(alphabet.size())];
    }
  }

  void AppendFilled(std::string& out, std::string_view sentence) {
    static constexpr std::string_view kUpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static constexpr std::string_view kAlnum =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    while (!sentence.empty()) {
      const size_t open = sentence.find('{');
      if (open == std::string_view::npos) {
        out += sentence;
        return;
      }
      out += sentence.substr(0, open);
      const size_t close = sentence.find('}', open);
      const std::string_view slot = sentence.substr(open + 1, close - open - 1);
      sentence.remove_prefix(close + 1);
      if (slot == "n") {
        out += Pick(kNames);
      } else if (slot == "d") {
        out += Pick(kDays);
      } else if (slot == "p") {
        out += Pick(kProjects);
      } else if (slot == "t") {
        out += Pick(kTimes);
      } else if (slot == "c") {
        out += Pick(kCustomers);
      } else if (slot == "k") {
        // Now and then a nine-digit order or ticket number: the shape of a BSN, which the
        // scanner must look at and then drop for want of a context word.
        out += std::to_string(Below(20) == 0 ? 100000000 + Below(900000000) : 1000 + Below(999000));
      } else if (slot == "card") {
        out += Pick(kCards);
      } else if (slot == "iban") {
        out += Pick(kIbans);
      } else if (slot == "aws") {
        out += "AKIA";
        AppendRandom(out, kUpperAlnum, 16);
      } else if (slot == "ghp") {
        out += "ghp_";
        AppendRandom(out, kAlnum, 36);
      }
    }
  }

  // Appends one post (no newline) and says whether a sensitive sentence was planted in it.
  bool AppendPost(std::string& out) {
    const size_t start = out.size();
    const bool dutch = Below(100) < 30;
    const int sentences = SentenceCount();
    const bool plant = static_cast<int>(Below(10000)) < kSensitivePerTenThousand;
    const int planted_at = plant ? static_cast<int>(Below(static_cast<uint64_t>(sentences))) : -1;
    for (int i = 0; i < sentences; ++i) {
      if (i > 0) {
        out += ' ';
      }
      if (i == planted_at) {
        AppendFilled(out, Pick(kSensitive));
        continue;
      }
      AppendFilled(out, dutch ? Pick(kDutch) : Pick(kEnglish));
      if (i > planted_at && out.size() - start > kMaxPostBytes) {
        break;  // a long paste ends at about 2 KB, after the planted sentence if any
      }
    }
    return plant;
  }

 private:
  std::mt19937_64 random_;
};

}  // namespace

ScanCorpus ScanCorpus::Generate(size_t posts, uint64_t seed) {
  ScanCorpus corpus;
  Generator generator(seed);
  corpus.text_.reserve(posts * 130);
  corpus.starts_.reserve(posts + 1);
  for (size_t i = 0; i < posts; ++i) {
    corpus.starts_.push_back(corpus.text_.size());
    if (generator.AppendPost(corpus.text_)) {
      ++corpus.planted_;
    }
    corpus.text_ += '\n';
  }
  corpus.starts_.push_back(corpus.text_.size());
  return corpus;
}

}  // namespace holdfast::tools::bench
