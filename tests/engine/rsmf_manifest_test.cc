// rsmf_manifest.json of conversation slices: it passes a validator that encodes Relativity's
// rsmf_schema_2_0_0.json rules (rsmf_schema.h, itself shown here to catch breakage), and its
// events follow the slice's posts, marking threads, edits, deletions, flags and erasure.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/export/rsmf.h"
#include "engine/time_format.h"
#include "tests/engine/rsmf_fixture.h"
#include "tests/engine/rsmf_schema.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::CustomValue;
using holdfast::testing::Slice;
using holdfast::testing::ValidateRsmfManifest;
using nlohmann::json;

TEST(RsmfTest, ManifestPassesTheValidator) {
  const ConversationSlice slice = Slice();
  const json manifest = json::parse(RsmfManifest(slice));
  const std::vector<std::string> problems = ValidateRsmfManifest(manifest);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);

  // An empty slice and a slice of authorless posts are valid too.
  ConversationSlice empty = Slice();
  empty.posts.clear();
  EXPECT_TRUE(ValidateRsmfManifest(json::parse(RsmfManifest(empty))).empty());
  ConversationSlice nameless = Slice();
  for (ExportPost& item : nameless.posts) {
    item.post.author_id.clear();
    item.post.author_name.clear();
    item.control_number.clear();  // ids fall back to native ids, made unique
  }
  const json nameless_manifest = json::parse(RsmfManifest(nameless));
  EXPECT_TRUE(ValidateRsmfManifest(nameless_manifest).empty())
      << ::testing::PrintToString(ValidateRsmfManifest(nameless_manifest));
}

TEST(RsmfTest, ManifestEventsFollowThePostsAndMarkThreadsEditsDeletions) {
  const ConversationSlice slice = Slice();
  const json manifest = json::parse(RsmfManifest(slice));
  EXPECT_EQ(manifest["version"], "2.0.0");
  ASSERT_EQ(manifest["conversations"].size(), 1u);
  const json& conversation = manifest["conversations"][0];
  EXPECT_EQ(conversation["id"], slice.conversation_id);
  EXPECT_EQ(conversation["display"], "#general");
  EXPECT_EQ(conversation["platform"], "slack");
  EXPECT_EQ(conversation["type"], "channel");
  EXPECT_EQ(conversation["participants"], json({"U1", "U2", "U3", "U4", "U5"}));

  ASSERT_EQ(manifest["participants"].size(), 5u);
  EXPECT_EQ(manifest["participants"][1]["id"], "U2");
  EXPECT_EQ(manifest["participants"][1]["display"], "Zoë");
  EXPECT_EQ(manifest["participants"][1]["account_id"], "U2");
  EXPECT_EQ(manifest["participants"][4]["display"], "U5");  // erased: the id alone

  const json& events = manifest["events"];
  ASSERT_EQ(events.size(), slice.posts.size());
  for (size_t i = 0; i < slice.posts.size(); ++i) {
    const ExportPost& item = slice.posts[i];
    EXPECT_EQ(events[i]["id"], item.control_number) << i;
    EXPECT_EQ(CustomValue(events[i], "Control Number"), item.control_number) << i;
    EXPECT_EQ(CustomValue(events[i], "Native ID"), item.post.native_id) << i;
    EXPECT_EQ(events[i]["timestamp"], FormatRfc3339(item.post.created_us)) << i;
    EXPECT_EQ(events[i]["conversation"], slice.conversation_id) << i;
    EXPECT_EQ(events[i]["body"], item.post.text) << i;
  }
  EXPECT_EQ(events[0]["type"], "message");
  EXPECT_FALSE(events[0].contains("parent"));
  // The edit.
  EXPECT_EQ(events[1]["type"], "message");
  ASSERT_EQ(events[1]["edits"].size(), 1u);
  EXPECT_EQ(events[1]["edits"][0]["participant"], "U1");
  EXPECT_EQ(events[1]["edits"][0]["timestamp"], "2024-01-02T09:05:00Z");
  EXPECT_EQ(events[1]["edits"][0]["previous"], "Morning all, the Q3 numbers are in");
  EXPECT_EQ(events[1]["edits"][0]["new"], "Morning all, the Q3 numbers are final");
  EXPECT_EQ(CustomValue(events[1], "Edit Of"), "HF0000000011");
  // The reply names its parent's event.
  EXPECT_EQ(events[2]["parent"], "HF0000000011");
  EXPECT_EQ(events[2]["participant"], "U2");
  EXPECT_EQ(events[2]["body"], "café ☕ sounds good");
  // The flagged post.
  EXPECT_EQ(events[3]["importance"], "high");
  EXPECT_EQ(CustomValue(events[3], "Flag 1 Rule"), "credential-sharing");
  EXPECT_EQ(CustomValue(events[3], "Flag 1 Category"), "security");
  EXPECT_EQ(CustomValue(events[3], "Flag 1 State"), "open");
  EXPECT_FALSE(events[0].contains("importance"));
  // The deletion.
  EXPECT_FALSE(events[4].contains("deleted"));
  EXPECT_EQ(events[5]["deleted"], true);
  EXPECT_EQ(CustomValue(events[5], "Deletion Of"), "HF0000000015");
  // The system post is a join.
  EXPECT_EQ(events[6]["type"], "join");
  EXPECT_EQ(events[6]["participant"], "U4");
  EXPECT_EQ(CustomValue(events[6], "System Subtype"), "channel_join");
  // The erased post keeps its event.
  EXPECT_EQ(events[7]["type"], "message");
  EXPECT_EQ(events[7]["body"], "");
  EXPECT_EQ(CustomValue(events[7], "Content Erased"), "true");
  EXPECT_EQ(events[7]["participant"], "U5");
  // A reply whose parent is not in the file names it without a dangling `parent`.
  EXPECT_FALSE(events[8].contains("parent"));
  EXPECT_EQ(CustomValue(events[8], "Parent Not In File"), "1704100000.000001");
}

TEST(RsmfTest, SystemPostsWithoutAKnownSubtypeAreUnknown) {
  ConversationSlice slice = Slice();
  slice.posts[6].post.original = R"({"type":"message","subtype":"channel_topic"})";
  EXPECT_EQ(json::parse(RsmfManifest(slice))["events"][6]["type"], "unknown");
  slice.posts[6].post.original = "not json";
  EXPECT_EQ(json::parse(RsmfManifest(slice))["events"][6]["type"], "unknown");
  slice.posts[6].post.original = R"({"subtype":"channel_leave"})";
  EXPECT_EQ(json::parse(RsmfManifest(slice))["events"][6]["type"], "leave");
}

TEST(RsmfTest, ValidatorCatchesBrokenManifests) {
  const json good = json::parse(RsmfManifest(Slice()));
  ASSERT_TRUE(ValidateRsmfManifest(good).empty());
  struct Breakage {
    std::string name;
    std::function<void(json&)> apply;
    std::string expect;  // a substring of one of the problems
  };
  const std::vector<Breakage> breakages = {
      {"missing version", [](json& m) { m.erase("version"); }, "version: required"},
      {"old version", [](json& m) { m["version"] = "1.0.0"; }, "not \"2.0.0\""},
      {"short version", [](json& m) { m["version"] = "2"; }, "at least 5"},
      {"missing events", [](json& m) { m.erase("events"); }, "events: required"},
      {"participants not an array", [](json& m) { m["participants"] = json::object(); },
       "participants: is not an array"},
      {"duplicate participant", [](json& m) { m["participants"].push_back(m["participants"][0]); },
       "duplicate participant id"},
      {"participant without id", [](json& m) { m["participants"][0].erase("id"); },
       "participants[0].id"},
      {"duplicate conversation",
       [](json& m) { m["conversations"].push_back(m["conversations"][0]); },
       "duplicate conversation id"},
      {"conversation without platform", [](json& m) { m["conversations"][0].erase("platform"); },
       "platform"},
      {"conversation naming an unknown participant",
       [](json& m) { m["conversations"][0]["participants"].push_back("U99"); },
       "names unknown participant \"U99\""},
      {"bad conversation type", [](json& m) { m["conversations"][0]["type"] = "group"; },
       "not \"direct\" or \"channel\""},
      {"custodian outside the conversation",
       [](json& m) { m["conversations"][0]["custodian"] = "U99"; }, "custodian"},
      {"event naming an unknown participant",
       [](json& m) { m["events"][2]["participant"] = "U99"; },
       "events[2].participant: names unknown participant"},
      {"event without participant", [](json& m) { m["events"][2].erase("participant"); },
       "events[2].participant: is missing"},
      {"bad event type", [](json& m) { m["events"][0]["type"] = "chat"; },
       "not a known event type"},
      {"event without type", [](json& m) { m["events"][0].erase("type"); },
       "events[0].type: is missing"},
      {"event in an unknown conversation",
       [](json& m) { m["events"][1]["conversation"] = "nowhere"; }, "unknown conversation"},
      {"bad timestamp", [](json& m) { m["events"][3]["timestamp"] = "02/01/2024 10:00"; },
       "ISO 8601"},
      {"duplicate event id", [](json& m) { m["events"][4]["id"] = m["events"][3]["id"]; },
       "duplicate event id"},
      {"dangling parent", [](json& m) { m["events"][2]["parent"] = "HF9999999999"; },
       "parent: names no event"},
      {"self parent", [](json& m) { m["events"][2]["parent"] = m["events"][2]["id"]; },
       "names the event itself"},
      {"deleted not a boolean", [](json& m) { m["events"][5]["deleted"] = "yes"; },
       "deleted: is not a boolean"},
      {"bad importance", [](json& m) { m["events"][3]["importance"] = "urgent"; }, "importance"},
      {"edit by an unknown participant",
       [](json& m) { m["events"][1]["edits"][0]["participant"] = "U99"; }, "edits[0].participant"},
      {"empty custom value", [](json& m) { m["events"][0]["custom"][0]["value"] = ""; },
       "custom[0].value"},
      {"manifest not an object", [](json& m) { m = json::array(); }, "not an object"},
  };
  for (const Breakage& breakage : breakages) {
    json broken = good;
    breakage.apply(broken);
    const std::vector<std::string> problems = ValidateRsmfManifest(broken);
    bool found = false;
    for (const std::string& problem : problems) {
      found = found || problem.find(breakage.expect) != std::string::npos;
    }
    EXPECT_TRUE(found) << breakage.name << ": " << ::testing::PrintToString(problems);
  }
}

}  // namespace
}  // namespace holdfast::engine
