#include "tests/engine/rsmf_fixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "engine/export/rsmf.h"
#include "tests/engine/export_slice.h"

namespace holdfast::testing {

using engine::ConversationSlice;
using engine::ExportContext;
using engine::ExportFlag;
using engine::ExportPost;
using engine::PostKind;
using nlohmann::json;

namespace {

// A message with an open flag: post 3 of the slice.
ExportPost FlaggedItem() {
  ExportPost flagged = Item(14, kDay + 10 * 60 * kMinute, "1704189600.000300", "U3", "Bob",
                            "send me the vpn password over sms");
  ExportFlag flag;
  flag.flag.flag_id = "00112233aabbccdd";
  flag.flag.rule = "credential-sharing";
  flag.flag.category = "security";
  flag.flag.severity = "high";
  flag.flag.confidence = "medium";
  flag.flag.policy = "infosec";
  flag.sequence = 40;
  flag.state = "open";
  flagged.flags.push_back(flag);
  return flagged;
}

}  // namespace

ExportPost Item(uint64_t sequence, int64_t created_us, const std::string& native_id,
                const std::string& author_id, const std::string& author_name,
                const std::string& text, PostKind kind) {
  ExportPost item;
  item.post.source = "slack";
  item.post.workspace = "acme";
  item.post.community_id = "C024BE91L";
  item.post.community_name = "general";
  item.post.native_id = native_id;
  item.post.kind = kind;
  item.post.author_id = author_id;
  item.post.author_name = author_name;
  item.post.created_us = created_us;
  item.post.text = text;
  item.post.original = R"({"type":"message","ts":")" + native_id + "\"}";
  item.sequence = sequence;
  char control[16];
  std::snprintf(control, sizeof(control), "HF%010llu", static_cast<unsigned long long>(sequence));
  item.control_number = control;
  item.captured_us = kDay + 2 * 86'400LL * 1'000'000;
  item.native_dir = "native/" + std::to_string(sequence) + "/";
  item.content_sha256 = std::string(64, 'a');
  item.original_file = item.native_dir + "original.json";
  return item;
}

ConversationSlice Slice() {
  ConversationSlice slice = engine::GeneralChannelSlice("0123456789abcdef0123456789abcdef");

  // 0: a thread root.
  slice.posts.push_back(Item(11, kDay + 9 * 60 * kMinute, "1704186000.000100", "U1", "Alice",
                             "Morning all, the Q3 numbers are in"));
  // 1: its edit (Slack keeps the first ts as created; the edit stamp is the version).
  ExportPost edit = Item(12, kDay + 9 * 60 * kMinute, "1704186000.000100", "U1", "Alice",
                         "Morning all, the Q3 numbers are final", PostKind::kEdit);
  edit.post.version = "1704186300.000000";
  edit.post.edited_us = kDay + 9 * 60 * kMinute + 5 * kMinute;
  edit.post.supersedes = slice.posts[0].post.Key();
  slice.posts.push_back(edit);
  // 2: a reply from a non-ASCII name with non-ASCII text.
  ExportPost reply = Item(13, kDay + 9 * 60 * kMinute + 10 * kMinute, "1704186600.000200", "U2",
                          "Zoë", "café ☕ sounds good");
  reply.post.thread_id = "1704186000.000100";
  reply.post.parent_id = "1704186000.000100";
  slice.posts.push_back(reply);
  // 3: a flagged message.
  slice.posts.push_back(FlaggedItem());
  // 4: a message, 5: its deletion.
  slice.posts.push_back(Item(15, kDay + 10 * 60 * kMinute + kMinute, "1704189660.000400", "U3",
                             "Bob", "oops, wrong channel"));
  ExportPost deletion = Item(16, kDay + 10 * 60 * kMinute + kMinute, "1704189660.000400", "U3",
                             "Bob", "", PostKind::kDelete);
  deletion.post.version = "deleted";
  slice.posts.push_back(deletion);
  // 6: a system post (a join).
  ExportPost join = Item(17, kDay + 11 * 60 * kMinute, "1704193200.000500", "U4", "Carol",
                         "<@U4> has joined the channel", PostKind::kSystem);
  join.post.original = R"({"type":"message","subtype":"channel_join","user":"U4"})";
  slice.posts.push_back(join);
  // 7: an erased post: no text, names or original.
  ExportPost erased = Item(18, kDay + 12 * 60 * kMinute, "1704196800.000600", "U5", "", "");
  erased.post.original.clear();
  erased.content_erased = true;
  erased.content_sha256.clear();
  erased.original_file.clear();
  slice.posts.push_back(erased);
  // 8: a reply to a thread whose root is in an earlier slice, on two lines.
  ExportPost late = Item(19, kDay + 13 * 60 * kMinute, "1704200400.000700", "U2", "Zoë",
                         "following up on yesterday\nsee the deck");
  late.post.thread_id = "1704100000.000001";
  late.post.parent_id = "1704100000.000001";
  slice.posts.push_back(late);
  return slice;
}

ExportContext Context() {
  ExportContext context;
  context.case_name = "Acme v. Widget";
  context.selection = "query: password";
  context.exported_by = "counsel@example.com";
  context.origin = "holdfast/Test_Archive";
  context.head_size = 19;
  context.head_time_us = kDay + 3 * 86'400LL * 1'000'000;
  return context;
}

std::string FileOf(const ConversationSlice& slice, const ExportContext& context) {
  auto file = engine::RsmfFile(slice, context);
  EXPECT_TRUE(file.has_value()) << (file ? "" : file.error().ToString());
  return file ? *file : std::string();
}

std::string CustomValue(const json& object, const std::string& name) {
  if (!object.contains("custom")) {
    return "";
  }
  for (const json& entry : object["custom"]) {
    if (entry["name"] == name) {
      return entry["value"].get<std::string>();
    }
  }
  return "";
}

}  // namespace holdfast::testing
