#include "engine/sources/whatsapp_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "archive/zip_writer.h"
#include "engine/time_format.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;
using holdfast::testing::TempDir;

SourceOptions Utc() {
  SourceOptions options;
  options.tz = "UTC";
  return options;
}

Drained Read(const std::string& path, SourceOptions options = Utc()) {
  return holdfast::testing::Open(path, options);
}

std::vector<std::string> Notes(const std::string& path, SourceOptions options = Utc()) {
  auto source = OpenSource(path, options);
  EXPECT_TRUE(source.has_value());
  if (!source) {
    return {};
  }
  holdfast::testing::Drain(**source);
  return (*source)->notes();
}

std::string Time(const Post& post) { return FormatRfc3339(post.created_us); }

constexpr const char* kAndroid =
    "31/12/2023, 20:59 - Messages and calls are end-to-end encrypted. No one outside of this "
    "chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
    "31/12/2023, 21:00 - Bram joined using this group's invite link\n"
    "31/12/2023, 21:05 - Ann Smit: first line\n"
    "second line\n"
    "\n"
    "fourth line\n"
    "31/12/2023, 21:06 - Bram: This message was deleted\n"
    "31/12/2023, 21:07 - +31 6 1234 5678: <Media omitted>\n"
    "01/01/2024, 00:01 - Ann Smit: IMG-20240101-WA0001.jpg (file attached)\n"
    "happy new year\n"
    "01/01/2024, 00:02 - Ann Smit: \xE2\x80\x8Emarked\xE2\x80\x8F text\n";

TEST(WhatsAppSourceTest, ReadsAnAndroidChatWithSystemLinesDeletesAndMedia) {
  TempDir dir;
  const auto path = dir.Write("WhatsApp Chat with Team.txt", kAndroid);
  const Drained drained = Read(path.string());
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 7u);
  const auto& p = drained.posts;
  for (const Post& post : p) {
    EXPECT_EQ(post.source, "whatsapp");
    EXPECT_EQ(post.community_id, "Team");
    EXPECT_EQ(post.community_name, "Team");
    EXPECT_EQ(post.workspace, "");
  }
  EXPECT_EQ(p[0].kind, PostKind::kSystem);
  EXPECT_EQ(p[0].author_name, "");
  EXPECT_EQ(p[1].kind, PostKind::kSystem);
  EXPECT_EQ(p[1].text, "Bram joined using this group's invite link");
  EXPECT_EQ(p[2].kind, PostKind::kMessage);
  EXPECT_EQ(p[2].author_name, "Ann Smit");
  EXPECT_EQ(p[2].text, "first line\nsecond line\n\nfourth line");
  EXPECT_EQ(Time(p[2]), "2023-12-31T21:05:00Z");
  EXPECT_EQ(p[3].kind, PostKind::kDelete);
  EXPECT_EQ(p[3].author_name, "Bram");
  ASSERT_EQ(p[4].attachments.size(), 1u);
  EXPECT_EQ(p[4].attachments[0].name, "");
  EXPECT_EQ(p[4].author_name, "+31 6 1234 5678");
  EXPECT_EQ(p[4].author_id, "+31612345678");
  ASSERT_EQ(p[5].attachments.size(), 1u);
  EXPECT_EQ(p[5].attachments[0].name, "IMG-20240101-WA0001.jpg");
  EXPECT_EQ(p[5].attachments[0].type, "image/jpeg");
  EXPECT_EQ(p[5].text, "IMG-20240101-WA0001.jpg (file attached)\nhappy new year");
  EXPECT_EQ(Time(p[5]), "2024-01-01T00:01:00Z");
  EXPECT_EQ(p[6].text, "marked text");
  EXPECT_EQ(p[6].original, "01/01/2024, 00:02 - Ann Smit: \xE2\x80\x8Emarked\xE2\x80\x8F text");
}

TEST(WhatsAppSourceTest, ReadsAnIosZipWithMediaAndTwelveHourClock) {
  TempDir dir;
  const auto zip_path = dir / "WhatsApp Chat - Family.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)
                  ->Add("_chat.txt",
                        "[12/31/23, 9:05:33\u202fPM] Family: \u200eMessages and calls are "
                        "end-to-end encrypted.\n"
                        "\u200e[12/31/23, 9:06:00\u202fPM] Ann: \u200e<attached: "
                        "00000012-PHOTO-2023-12-31-21-06-00.jpg>\n"
                        "[12/31/23, 9:07:00\u00a0PM] Bob: \u200eThis message was deleted.\n"
                        "[12/31/23, 11:59:59\u202fPM] Bob: late\n"
                        "[1/1/24, 12:00:01\u202fAM] Ann: \u200e\u202a+31 6 1234 5678\u202c added "
                        "Cee\n")
                  .has_value());
  ASSERT_TRUE((*zip)->Add("00000012-PHOTO-2023-12-31-21-06-00.jpg", "\xFF\xD8 jpeg").has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const Drained drained = Read(zip_path.string());
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 5u);
  const auto& p = drained.posts;
  EXPECT_EQ(p[0].community_name, "Family");
  EXPECT_EQ(p[0].kind, PostKind::kSystem);
  EXPECT_EQ(p[0].author_name, "");  // iOS writes system texts under the chat's name
  EXPECT_EQ(Time(p[0]), "2023-12-31T21:05:33Z");
  EXPECT_EQ(p[1].kind, PostKind::kMessage);
  ASSERT_EQ(p[1].attachments.size(), 1u);
  EXPECT_EQ(p[1].attachments[0].name, "00000012-PHOTO-2023-12-31-21-06-00.jpg");
  EXPECT_EQ(p[2].kind, PostKind::kDelete);
  EXPECT_EQ(Time(p[3]), "2023-12-31T23:59:59Z");
  EXPECT_EQ(p[4].kind, PostKind::kSystem);
  EXPECT_EQ(p[4].author_name, "Ann");
  EXPECT_EQ(p[4].text, "+31 6 1234 5678 added Cee");
  EXPECT_EQ(Time(p[4]), "2024-01-01T00:00:01Z");
}

TEST(WhatsAppSourceTest, ReadsDutchAndGermanAndroidVariants) {
  TempDir dir;
  const auto dutch = dir.Write("WhatsApp-chat met Piet.txt",
                               "31-12-2023 21:05 - Piet: Dit bericht is verwijderd\n"
                               "31-12-2023 21:06 - Piet: <Media weggelaten>\n"
                               "31-12-2023 21:07 - Jan heeft Piet toegevoegd\n");
  const Drained nl = Read(dutch.string());
  ASSERT_EQ(nl.posts.size(), 3u);
  EXPECT_EQ(nl.posts[0].community_name, "Piet");
  EXPECT_EQ(nl.posts[0].kind, PostKind::kDelete);
  EXPECT_EQ(nl.posts[1].attachments.size(), 1u);
  EXPECT_EQ(nl.posts[2].kind, PostKind::kSystem);
  EXPECT_EQ(Time(nl.posts[2]), "2023-12-31T21:07:00Z");
  const auto german = dir.Write("WhatsApp Chat mit Jörg.txt",
                                "31.12.23, 21:05 - Jörg: Diese Nachricht wurde gelöscht\n"
                                "31.12.23, 21:06 - Jörg: <Medien ausgeschlossen>\n");
  const Drained de = Read(german.string());
  ASSERT_EQ(de.posts.size(), 2u);
  EXPECT_EQ(de.posts[0].community_name, "Jörg");
  EXPECT_EQ(de.posts[0].kind, PostKind::kDelete);
  EXPECT_EQ(de.posts[1].attachments.size(), 1u);
  EXPECT_EQ(Time(de.posts[1]), "2023-12-31T21:06:00Z");
}

TEST(WhatsAppSourceTest, DetectsTheDateOrderPerFileAndReportsIt) {
  TempDir dir;
  // No field above 12; read day-first, 8 May -> 9 April would run backwards.
  const auto month_first = dir.Write("a.txt",
                                     "06/03/17, 10:00 - A: one\n"
                                     "08/05/17, 10:00 - A: two\n"
                                     "09/04/17, 10:00 - A: three\n");
  const Drained drained = Read(month_first.string());
  ASSERT_EQ(drained.posts.size(), 3u);
  EXPECT_EQ(Time(drained.posts[1]), "2017-08-05T10:00:00Z");
  const auto notes = Notes(month_first.string());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("month-first"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("a.txt"), std::string::npos) << notes[0];
  // Nothing tells the orders apart: day-first, and the note says it was a guess.
  const auto undecided = dir.Write("b.txt", "03/04/24, 10:00 - A: one\n");
  EXPECT_EQ(Time(Read(undecided.string()).posts.at(0)), "2024-04-03T10:00:00Z");
  const auto guess = Notes(undecided.string());
  ASSERT_EQ(guess.size(), 1u);
  EXPECT_NE(guess[0].find("ambiguous"), std::string::npos) << guess[0];
  // One file's evidence does not leak into the next.
  const auto day_first = dir.Write("c.txt", "03/04/24, 10:00 - A: one\n13/04/24, 10:00 - A: 2\n");
  EXPECT_EQ(Time(Read(day_first.string()).posts.at(0)), "2024-04-03T10:00:00Z");
}

TEST(WhatsAppSourceTest, ADateImpossibleInTheChosenOrderIsADeadLetter) {
  TempDir dir;
  const auto path = dir.Write("x.txt",
                              "13/01/24, 10:00 - A: day-first\n"
                              "14/01/24, 10:00 - A: day-first\n"
                              "01/15/24, 10:00 - A: month-first\n"
                              "continued\n"
                              "16/01/24, 10:00 - A: after\n");
  const Drained drained = Read(path.string());
  ASSERT_EQ(drained.posts.size(), 3u);
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 3u);
  EXPECT_EQ(drained.dead_letters[0].raw, "01/15/24, 10:00 - A: month-first\ncontinued");
  EXPECT_NE(drained.dead_letters[0].reason.find("day-first"), std::string::npos);
  EXPECT_EQ(drained.posts[2].text, "after");
}

TEST(WhatsAppSourceTest, ConvertsWallTimeWithTheGivenZone) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Europe/Amsterdam")) {
    GTEST_SKIP() << "tzdata absent: Europe/Amsterdam";
  }
  TempDir dir;
  const auto path = dir.Write("t.txt",
                              "15/01/2024, 12:00 - A: winter\n"
                              "01/07/2024, 12:00 - A: summer\n");
  SourceOptions options;
  options.tz = "Europe/Amsterdam";
  const Drained drained = Read(path.string(), options);
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(Time(drained.posts[0]), "2024-01-15T11:00:00Z");
  EXPECT_EQ(Time(drained.posts[1]), "2024-07-01T10:00:00Z");
}

TEST(WhatsAppSourceTest, AnUnknownZoneIsAnErrorNamingIt) {
  TempDir dir;
  const auto path = dir.Write("t.txt", "15/01/2024, 12:00 - A: hi\n");
  SourceOptions options;
  options.tz = "Europe/Atlantis";
  auto source = OpenSource(path.string(), options);
  ASSERT_FALSE(source.has_value());
  EXPECT_NE(source.error().message.find("Europe/Atlantis"), std::string::npos);
}

TEST(WhatsAppSourceTest, ReadsAFolderOfChatsAsTextAndZip) {
  TempDir dir;
  dir.Write("chats/WhatsApp Chat with Ann.txt", "15/01/2024, 12:00 - Ann: hi\n");
  dir.Write("chats/notes.txt", "just a document someone sent\n");
  auto zip = archive::ZipWriter::Create(dir / "chats/WhatsApp Chat - Club.zip");
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("_chat.txt", "[15/01/2024, 12:00:00] Bob: hello\n").has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const auto folder = (dir / "chats").string();
  EXPECT_TRUE(WhatsAppSource::Detect(folder));
  const Drained drained = Read(folder);
  EXPECT_TRUE(drained.dead_letters.empty());
  std::set<std::string> communities;
  for (const Post& post : drained.posts) {
    communities.insert(post.community_name);
  }
  EXPECT_EQ(communities, (std::set<std::string>{"Ann", "Club"}));
  EXPECT_EQ(drained.posts.size(), 2u);
}

TEST(WhatsAppSourceTest, DetectionLeavesSlackExportsToSlack) {
  TempDir dir;
  dir.Write("slack/channels.json", "[]");
  dir.Write("slack/users.json", "[]");
  dir.Write("slack/readme.txt", "15/01/2024, 12:00 - Ann: looks like a chat\n");
  EXPECT_FALSE(WhatsAppSource::Detect((dir / "slack").string()));
  const auto chat = dir.Write("WhatsApp Chat with Ann.txt", "15/01/2024, 12:00 - Ann: hi\n");
  EXPECT_TRUE(WhatsAppSource::Detect(chat.string()));
  const auto renamed = dir.Write("chat-backup", "\n15/01/2024, 12:00 - Ann: hi\n");
  EXPECT_TRUE(WhatsAppSource::Detect(renamed.string()));
  EXPECT_FALSE(WhatsAppSource::Detect(dir.Write("other.json", "{\"a\": 1}").string()));
  SourceOptions options = Utc();
  options.format = "whatsapp";
  EXPECT_EQ(Read(chat.string(), options).posts.size(), 1u);
}

TEST(WhatsAppSourceTest, ReplacesInvalidUtf8AndMarksOnlyThatPost) {
  TempDir dir;
  const auto path = dir.Write("u.txt",
                              "15/01/2024, 12:00 - Ann: before\n"
                              "15/01/2024, 12:01 - Ann: bad \xC3\x28 byte\n"
                              "15/01/2024, 12:02 - Ann: after\n");
  const Drained drained = Read(path.string());
  ASSERT_EQ(drained.posts.size(), 3u);
  EXPECT_FALSE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_TRUE(drained.posts[1].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[1].text, "bad \xEF\xBF\xBD( byte");
  EXPECT_FALSE(drained.posts[2].replaced_invalid_utf8);
}

TEST(WhatsAppSourceTest, ALineBeyondTheLimitIsDeadLetteredAndNeighboursStay) {
  TempDir dir;
  const std::string huge(300, 'x');
  const auto path = dir.Write("l.txt", "15/01/2024, 12:00 - Ann: before\n" + huge +
                                           "\n15/01/2024, 12:01 - Ann: after\nsecond line\n");
  SourceOptions options = Utc();
  options.max_line_bytes = 100;
  const Drained drained = Read(path.string(), options);
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[0].text, "before");
  EXPECT_EQ(drained.posts[1].text, "after\nsecond line");
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_NE(drained.dead_letters[0].reason.find("longer than 100 bytes"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[0].source_file, path.string());
}

TEST(WhatsAppSourceTest, TextBeforeTheFirstHeaderIsADeadLetter) {
  TempDir dir;
  const auto path = dir.Write("g.txt",
                              "\xEF\xBB\xBFsome preamble\nmore preamble\n\n"
                              "15/01/2024, 12:00 - Ann: hi\n");
  const Drained drained = Read(path.string());
  ASSERT_EQ(drained.posts.size(), 1u);
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 1u);
  EXPECT_EQ(drained.dead_letters[0].raw, "some preamble\nmore preamble");
  EXPECT_NE(drained.dead_letters[0].reason.find("before the first message header"),
            std::string::npos);
}

TEST(WhatsAppSourceTest, KeysAreStableAcrossReadsAndDistinctForRepeatedMessages) {
  TempDir dir;
  const std::string chat =
      "15/01/2024, 12:00 - Ann: ok\n"
      "15/01/2024, 12:00 - Ann: ok\n"
      "15/01/2024, 12:00 - Bob: ok\n";
  const auto path = dir.Write("k.txt", chat);
  const Drained first = Read(path.string());
  const Drained second = Read(path.string());
  ASSERT_EQ(first.posts.size(), 3u);
  std::set<std::string> keys;
  for (size_t i = 0; i < first.posts.size(); ++i) {
    EXPECT_EQ(first.posts[i].Key(), second.posts[i].Key());
    keys.insert(first.posts[i].Key());
  }
  EXPECT_EQ(keys.size(), 3u);
  // A later export that dropped the first message still names the others the same.
  const auto later = dir.Write("k.txt", chat.substr(chat.find('\n') + 1));
  const Drained overlap = Read(later.string());
  ASSERT_EQ(overlap.posts.size(), 2u);
  EXPECT_EQ(overlap.posts[1].Key(), first.posts[2].Key());
}

}  // namespace
}  // namespace holdfast::engine
