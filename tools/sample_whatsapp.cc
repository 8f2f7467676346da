// The WhatsApp writer of holdfast-sample: several chats' "Export chat" text files, zipped
// together as someone collecting them would: two Android exports ("WhatsApp Chat with X.txt",
// English (UK): "01/03/2024, 09:30 - Name: text", day first, 24 hour clock) and two iOS
// exports ("WhatsApp Chat - X/_chat.txt", English (US): "[3/1/24, 9:30:05 AM] Name: text",
// month first, 12 hour clock with U+202F before AM/PM, U+200E before system texts and media
// markers). Each chat opens with the encryption notice, a group also with its creation; then
// messages, some over several lines, some "<Media omitted>" / "image omitted", a few deleted,
// and members added now and then. Times are the wall clock of the chat, written without a
// zone, as WhatsApp does. Every message and system line is one post.
#include <cstdio>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

constexpr const char* kMark = "\xE2\x80\x8E";         // U+200E, before iOS system texts
constexpr const char* kNarrowSpace = "\xE2\x80\xAF";  // U+202F, before AM/PM on iOS
constexpr const char* kEncrypted =
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more.";

struct Chat {
  const char* file;   // the entry in the zip
  const char* title;  // what iOS writes system lines under: the chat's name
  bool ios;
  std::vector<size_t> members;  // the first created the group
  std::string text;             // the export so far
  uint64_t lines = 0;           // messages and system lines written
};

std::vector<Chat> Chats() {
  return {{"WhatsApp Chat with Finance team.txt", "Finance team", false, {0, 1, 2, 3, 4, 5}, "", 0},
          {"WhatsApp Chat - Sales/_chat.txt", "Sales", true, {3, 4, 5, 6, 7, 8, 9}, "", 0},
          {"WhatsApp Chat with Henk van Dijk.txt", "Henk van Dijk", false, {0, 8}, "", 0},
          {"WhatsApp Chat - Dave O'Brien/_chat.txt", "Dave O'Brien", true, {0, 4}, "", 0}};
}

// The header up to the author: "01/03/2024, 09:30 - " or "[3/1/24, 9:30:05 AM] ".
std::string Header(const Chat& chat, int64_t seconds) {
  const std::string day = SampleDay(seconds);  // "2024-03-01"
  const int year = std::stoi(day.substr(0, 4));
  const int month = std::stoi(day.substr(5, 2));
  const int date = std::stoi(day.substr(8, 2));
  const int hour = static_cast<int>(seconds % kSampleDay / 3600);
  const int minute = static_cast<int>(seconds % 3600 / 60);
  char buffer[64];
  if (!chat.ios) {
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d, %02d:%02d - ", date, month, year, hour,
                  minute);
  } else {
    std::snprintf(buffer, sizeof buffer, "[%d/%d/%02d, %d:%02d:%02d%s%s] ", month, date, year % 100,
                  hour % 12 == 0 ? 12 : hour % 12, minute, static_cast<int>(seconds % 60),
                  kNarrowSpace, hour < 12 ? "AM" : "PM");
  }
  return buffer;
}

// A system line: Android writes it without an author, iOS under the chat's name with U+200E.
void System(Chat& chat, int64_t seconds, std::string_view text) {
  if (chat.ios) {
    chat.text.append(kMark).append(Header(chat, seconds)).append(chat.title).append(": ");
    chat.text.append(kMark);
  } else {
    chat.text += Header(chat, seconds);
  }
  chat.text.append(text).append("\n");
}

void Message(Chat& chat, int64_t seconds, size_t author, std::string_view text, bool marked) {
  if (marked) {
    chat.text += kMark;
  }
  chat.text.append(Header(chat, seconds)).append(kSampleUsers[author].real_name).append(": ");
  if (marked) {
    chat.text += kMark;
  }
  chat.text.append(text).append("\n");
}

void Next(Chat& chat, SampleCorpus& corpus, int64_t seconds, unsigned sensitive_percent) {
  const std::vector<size_t>& members = chat.members;
  const size_t author = members[corpus.Below(members.size())];
  const size_t other = corpus.Below(kSampleUserCount);
  std::string text =
      PlainSampleText(SplitSampleText(corpus.Text(sensitive_percent, kSampleUsers[other].id)));
  const uint64_t shape = corpus.Below(40);
  const std::string founder = kSampleUsers[members[0]].real_name;
  if (chat.lines++ == 0) {
    System(chat, seconds, kEncrypted);
  } else if (chat.lines == 2 && members.size() > 2) {
    System(chat, seconds, founder + " created group \"" + chat.title + "\"");
  } else if (shape == 0 && members.size() > 2) {
    System(chat, seconds, founder + " added " + kSampleUsers[other].real_name);
  } else if (shape == 1) {
    Message(chat, seconds, author, chat.ios ? "image omitted" : "<Media omitted>", chat.ios);
  } else if (shape == 2) {
    Message(chat, seconds, author,
            chat.ios ? "This message was deleted." : "This message was deleted", chat.ios);
  } else if (shape < 8) {  // a message over several lines
    text += "\n";
    text += PlainSampleText(SplitSampleText(corpus.Text(0, kSampleUsers[author].id)));
    if (shape == 3) {
      text += "\n\nThanks!";
    }
    Message(chat, seconds, author, text, false);
  } else {
    Message(chat, seconds, author, text, false);
  }
}

}  // namespace

int WriteWhatsAppSample(const SampleOptions& options) {
  std::vector<Chat> chats = Chats();
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts; ++i) {
    // Groups are busier than the one-on-one chats: 4, 4, 1 and 1 in 10.
    const uint64_t pick = corpus.Below(10);
    Chat& chat = chats[pick < 4 ? 0 : pick < 8 ? 1 : pick - 6];
    Next(chat, corpus, SampleSeconds(i, options.posts), options.sensitive_percent);
  }
  auto zip = archive::ZipWriter::Create(options.out);
  bool ok = zip.has_value();
  for (const Chat& chat : chats) {
    if (ok && chat.lines > 0) {
      ok = (*zip)->Add(chat.file, chat.text).has_value();
    }
  }
  if (!ok || !(*zip)->Close()) {
    return SampleWriteFailed(options.out);
  }
  return 0;
}

}  // namespace holdfast::tools
