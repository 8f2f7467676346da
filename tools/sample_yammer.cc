// The Yammer / Viva Engage writer of holdfast-sample: the network data export zip, as the
// export writes it: Messages.csv with the export's twenty columns, Users.csv and Groups.csv,
// RFC 4180 CSV with CRLF line ends, quoted fields where a comma, quote or line break needs it.
// Messages are in groups (threads: thread_id is the first message's id, replied_to_id the
// message answered), private conversations (no group, participants listed) and All Company;
// mentions are written [[user:ID]] as the export does; some bodies run over several lines or
// quote with double quotes; a few are deleted (deleted_at set, body kept) or have an uploaded
// file. Every row is one post.
#include <map>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

constexpr uint64_t kFirstMessage = 2200000000;
constexpr uint64_t kFirstUser = 1500000001;
constexpr uint64_t kFirstGroup = 18000001;
constexpr uint64_t kFirstConversation = 3100000000;

std::string UserId(size_t user) { return std::to_string(kFirstUser + user); }

// Appends one field, quoted when it must be.
void Field(std::string_view value, std::string& csv, bool last = false) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    csv += value;
  } else {
    csv += '"';
    for (char c : value) {
      csv += c;
      if (c == '"') {
        csv += '"';
      }
    }
    csv += '"';
  }
  csv += last ? "\r\n" : ",";
}

void Row(const std::vector<std::string>& fields, std::string& csv) {
  for (size_t f = 0; f < fields.size(); ++f) {
    Field(fields[f], csv, f + 1 == fields.size());
  }
}

// "2024-03-01 09:30:00 UTC"
std::string Time(int64_t seconds) {
  std::string iso = SampleIso(seconds, -1);
  iso[10] = ' ';
  iso.pop_back();
  return iso.append(" UTC");
}

// A corpus text as Yammer stores it: plain, with mentions as [[user:ID]].
void AppendText(std::string_view slack_text, std::string& body) {
  for (const SamplePiece& piece : SplitSampleText(slack_text)) {
    if (piece.kind == SamplePiece::Kind::kMention) {
      body.append("[[user:").append(UserId(SampleUserIndex(piece.target))).append("]]");
    } else {
      body += PlainSampleText({piece});
    }
  }
}

std::string Body(SampleCorpus& corpus, unsigned sensitive_percent) {
  std::string body;
  AppendText(corpus.Text(sensitive_percent, kSampleUsers[corpus.Below(10)].id), body);
  switch (corpus.Below(8)) {
    case 0:  // a second paragraph
      body += "\n\n";
      AppendText(corpus.Text(0, kSampleUsers[corpus.Below(10)].id), body);
      break;
    case 1:  // a quotation on a line of its own
      body += "\nFrom the handbook: \"Reply within two working days, urgent or not.\"";
      break;
    default:
      break;
  }
  return body;
}

std::string Users() {
  std::string csv;
  Row({"id", "name", "email", "job_title", "location", "department", "api_url", "joined_at",
       "deleted_by_id", "deleted_by_type", "suspended_by_id", "suspended_by_type", "guest",
       "state"},
      csv);
  for (size_t u = 0; u < kSampleUserCount; ++u) {
    Row({UserId(u), kSampleUsers[u].real_name,
         std::string(kSampleUsers[u].name).append("@acme.example"),
         u % 3 == 0 ? "Controller, EMEA" : "", "Amsterdam", "",
         std::string("https://www.yammer.com/api/v1/users/").append(UserId(u)),
         Time(kSampleStart - 400 * kSampleDay), "", "", "", "", "false", "active"},
        csv);
  }
  return csv;
}

std::string Groups() {
  std::string csv;
  Row({"id", "name", "description", "private", "deleted", "creator_id", "creator_type",
       "created_at", "updated_at", "api_url"},
      csv);
  for (size_t g = 0; g < kSampleChannelCount; ++g) {
    const std::string id = std::to_string(kFirstGroup + g);
    Row({id, kSampleChannelTitles[g],
         std::string("The ").append(kSampleChannels[g]).append(" group"), g == 4 ? "true" : "false",
         "false", UserId(g), "User", Time(kSampleStart - 300 * kSampleDay),
         Time(kSampleStart - 300 * kSampleDay),
         std::string("https://www.yammer.com/api/v1/groups/").append(id)},
        csv);
  }
  return csv;
}

constexpr const char* kMessageColumns =
    "id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,"
    "in_private_group,in_private_conversation,sender_id,sender_type,sender_name,sender_email,"
    "body,api_url,attachments,deleted_by_id,deleted_by_type,created_at,deleted_at\r\n";

// A community's (a group's, All Company's, or two users' private conversation's) running
// thread, that replies go to.
struct Thread {
  std::string id;            // its first message
  std::string conversation;  // its conversation_id
  std::string last;          // its latest message, that a reply may answer instead
};

// Appends message `i` (sent at `seconds`) to Messages.csv.
void AppendMessage(SampleCorpus& corpus, uint64_t i, int64_t seconds, unsigned sensitive_percent,
                   std::map<std::string, Thread>& threads, std::string& csv) {
  const std::string id = std::to_string(kFirstMessage + i * 7);
  const size_t sender = corpus.Below(kSampleUserCount);
  const uint64_t where = corpus.Below(10);  // 0..5 a group, 6..7 All Company, 8..9 private
  const size_t partner = (sender + 1 + corpus.Below(kSampleUserCount - 1)) % kSampleUserCount;
  std::string group_id, group_name, participants, community = "all-company";
  if (where < kSampleChannelCount) {
    group_id = std::to_string(kFirstGroup + where);
    group_name = kSampleChannelTitles[where];
    community = group_id;
  } else if (where >= 8) {
    participants = UserId(std::min(sender, partner)) + "," + UserId(std::max(sender, partner));
    community = participants;
  }
  Thread& thread = threads[community];
  std::string replied_to;
  if (!thread.id.empty() && corpus.Below(3) != 0) {
    replied_to = corpus.Below(2) == 0 ? thread.id : thread.last;
  } else {
    thread = {id, std::to_string(kFirstConversation + i * 3), ""};
  }
  thread.last = id;
  const std::string body = Body(corpus, sensitive_percent);
  const uint64_t shape = corpus.Below(30);  // 0: deleted, 1: with an uploaded file
  const std::string deleted_by = shape == 0 ? UserId(sender) : "";
  const std::string deleted_at = shape == 0 ? Time(seconds + 3600) : "";
  const std::string attachments =
      shape == 1 ? std::string("uploadedfile:").append(std::to_string(90000000 + i)) : "";
  const std::string email = std::string(kSampleUsers[sender].name).append("@acme.example");
  const std::string api_url = std::string("https://www.yammer.com/api/v1/messages/").append(id);
  Row({id,
       replied_to,
       thread.id,
       thread.conversation,
       group_id,
       group_name,
       participants,
       where == 4 ? "true" : "false",
       participants.empty() ? "false" : "true",
       UserId(sender),
       "User",
       kSampleUsers[sender].real_name,
       email,
       body,
       api_url,
       attachments,
       deleted_by,
       deleted_by.empty() ? "" : "User",
       Time(seconds),
       deleted_at},
      csv);
}

}  // namespace

int WriteYammerSample(const SampleOptions& options) {
  std::string messages = kMessageColumns;
  std::map<std::string, Thread> threads;
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts; ++i) {
    AppendMessage(corpus, i, SampleSeconds(i, options.posts), options.sensitive_percent, threads,
                  messages);
  }
  auto zip = archive::ZipWriter::Create(options.out);
  if (!zip || !(*zip)->Add("Messages.csv", messages) || !(*zip)->Add("Users.csv", Users()) ||
      !(*zip)->Add("Groups.csv", Groups()) || !(*zip)->Close()) {
    return SampleWriteFailed(options.out);
  }
  return 0;
}

}  // namespace holdfast::tools
