// Posts are built from sentence templates whose slots ({n} name, {d} day, {p} project, {t}
// time, {c} customer, {k} number) are filled at random, so that no two posts need be the same
// and the scanners cannot profit from repeated text. Sensitive sentences take their values
// from planted_values.h.
#include "tools/bench/scan_corpus.h"

#include <algorithm>
#include <random>
#include <span>
#include <string>

#include "tools/bench/planted_values.h"

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
    "Thanks, I\xE2\x80\x99ll take a look after the {p} sync.",
    "The WhatsApp integration for {c} goes live on {d}.",
    "Password policy reminder: at least 12 characters, see the wiki.",
    "Meeting notes from {d} are in the shared drive \xF0\x9F\x98\x8A",
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
    "\xC3\x89\xC3\xA9n vraag nog: wie doet de notulen van {d}?",
    "Zie je morgen bij het caf\xC3\xA9 om {t}?",
    "Wie heeft het {p} dossier nog? Ik vraag het {d} aan {n}.",
};

constexpr std::string_view kNames[] = {"Anna",  "Bram",  "Chen",  "Daan", "Emma",  "Fatima",
                                       "Joost", "Lotte", "Marco", "Noor", "Priya", "Sanne"};
constexpr std::string_view kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
constexpr std::string_view kProjects[] = {"billing", "checkout", "Atlas",  "onboarding",
                                          "search",  "payroll",  "mobile", "data platform"};
constexpr std::string_view kTimes[] = {"9:30", "11:00", "12:30", "14:00", "15:45", "16:30"};
constexpr std::string_view kCustomers[] = {"Acme", "Rijnland Logistiek", "Northwind",
                                           "De Vries Bouw", "Globex"};

// One sensitive sentence each; {card}, {iban} and the other value slots are filled by
// AppendPlantedValue. Each should be flagged by a policy pack that covers its kind.
constexpr std::string_view kSensitive[] = {
    "Can you charge {card} for the conference tickets?",
    "Card for the hotel is {card}, the one from the travel budget.",
    "Please wire the deposit to {iban} today.",
    "Maak het bedrag over naar {iban} aub.",
    "Mijn BSN is {bsn}, kun je dat aan HR doorgeven?",
    "Send the signed contract to {email} please.",
    "Mail de offerte even naar {email}.",
    "aws_access_key_id = {aws}",
    "Here's my token for the CI job: {ghp}",
    "-----BEGIN RSA PRIVATE KEY----- {key}",
    "CONFIDENTIAL - Q3 forecast attached, do not forward.",
    "VERTROUWELIJK: concept reorganisatieplan staat in de bijlage.",
    "Let's take this to WhatsApp, too many people read this channel.",
    "Laten we dit via WhatsApp bespreken.",
    "What a fucking mess, the {p} deploy broke again.",
    "Kut, de {p} build is weer rood.",
    "This is inside information but buy {c} shares before {d}.",
    "Bel me op {phone} als het dringend is.",
};

constexpr int kSensitivePerTenThousand = 200;  // 2% of posts
constexpr size_t kMaxPostBytes = 2048;

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  uint64_t Below(uint64_t n) { return RandomBelow(random_, n); }
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

  void AppendFilled(std::string& out, std::string_view sentence) {
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
      } else {
        AppendPlantedValue(slot, out, random_);
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
  std::vector<size_t> starts;
  starts.reserve(posts + 1);
  corpus.text_.reserve(posts * 130);
  std::string post;
  for (size_t i = 0; i < posts; ++i) {
    post.clear();
    if (generator.AppendPost(post)) {
      ++corpus.planted_;
    }
    starts.push_back(corpus.text_.size());
    corpus.text_.insert(corpus.text_.end(), post.begin(), post.end());
    corpus.text_.push_back('\n');
  }
  // Views only once the buffer has stopped growing.
  corpus.posts_.reserve(posts);
  for (size_t i = 0; i < posts; ++i) {
    const size_t end = i + 1 < posts ? starts[i + 1] : corpus.text_.size();
    corpus.posts_.emplace_back(corpus.text_.data() + starts[i], end - starts[i] - 1);
  }
  corpus.lowered_ = corpus.text_;
  for (char& c : corpus.lowered_) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return corpus;
}

std::string_view ScanCorpus::joined(size_t first, size_t count) const {
  const std::string_view last = posts_[std::min(first + count, size()) - 1];
  const size_t begin = static_cast<size_t>(posts_[first].data() - text_.data());
  const size_t end = static_cast<size_t>(last.data() - text_.data()) + last.size() + 1;
  return joined().substr(begin, end - begin);
}

LengthStats ScanCorpus::lengths() const {
  std::vector<size_t> sizes;
  sizes.reserve(posts_.size());
  for (std::string_view post : posts_) {
    sizes.push_back(post.size());
  }
  std::sort(sizes.begin(), sizes.end());
  const auto at = [&](double fraction) {
    return sizes[std::min(sizes.size() - 1, static_cast<size_t>(fraction * sizes.size()))];
  };
  return LengthStats{static_cast<double>(post_bytes()) / static_cast<double>(sizes.size()), at(0.5),
                     at(0.9), at(0.99), sizes.back()};
}

}  // namespace holdfast::tools::bench
