#include "engine/sources/yammer_source.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

#include "engine/sources/export_entries.h"
#include "engine/time_format.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsCsvFile(const std::string& path) {
  std::error_code ec;
  return !fs::is_directory(path, ec) && path.size() > 4 &&
         SameIgnoringCase(std::string_view(path).substr(path.size() - 4), ".csv");
}

// "2024-03-01 09:30:00 UTC" and "2024/03/01 09:30:00 +0000" as RFC 3339, which
// ParseRfc3339 reads along with RFC 3339 itself.
std::optional<int64_t> ParseYammerTime(std::string_view text) {
  std::string time(text);
  if (time.size() >= 10 && time[4] == '/' && time[7] == '/') {
    time[4] = time[7] = '-';
  }
  if (time.ends_with(" UTC")) {
    time.replace(time.size() - 4, 4, "Z");
  } else if (time.size() > 6 && time[time.size() - 6] == ' ' &&
             (time[time.size() - 5] == '+' || time[time.size() - 5] == '-') &&
             std::all_of(time.end() - 4, time.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const std::string offset = time.substr(time.size() - 5);
    time.resize(time.size() - 6);
    time += offset.substr(0, 3) + ":" + offset.substr(3);
  }
  return ParseRfc3339(time);
}

// A field of the record by its column, or "" when the column is absent.
std::string_view Field(const CsvRecords::Record& record, const std::optional<size_t>& column) {
  return column && *column < record.fields.size() ? std::string_view(record.fields[*column])
                                                  : std::string_view();
}

// Reads a small CSV (Users.csv, Groups.csv) whole: id -> name.
void LoadNameTable(const std::string& bytes, std::unordered_map<std::string, std::string>& out) {
  size_t offset = 0;
  CsvRecords records(
      [&](char* data, size_t size) -> tl::expected<size_t, Error> {
        const size_t n = std::min(size, bytes.size() - offset);
        std::copy_n(bytes.data() + offset, n, data);
        offset += n;
        return n;
      },
      bytes.size() + 1);
  CsvRecords::Record record;
  std::optional<size_t> id, name;
  for (bool header = true;; header = false) {
    auto more = records.Next(record);
    if (!more || !*more) {
      return;
    }
    if (header) {
      for (size_t i = 0; i < record.fields.size(); ++i) {
        if (record.fields[i] == "id") {
          id = i;
        } else if (record.fields[i] == "name" || record.fields[i] == "full_name") {
          name = name ? name : i;
        }
      }
      if (!id || !name) {
        return;
      }
      continue;
    }
    if (record.problem.empty() && *id < record.fields.size() && *name < record.fields.size()) {
      out[record.fields[*id]] = rules::NormalizeNfc(record.fields[*name]).text;
    }
  }
}

}  // namespace

bool YammerSource::Detect(const std::string& path) {
  if (path == "-") {
    return false;
  }
  if (IsCsvFile(path)) {
    return true;
  }
  return DetectByEntries(path, [](std::string_view entry_path, archive::ExportReader&) {
    return SameIgnoringCase(FileName(entry_path), "Messages.csv") ? Verdict::kYes : Verdict::kNext;
  });
}

YammerSource::YammerSource(std::string path, SourceOptions options)
    : path_(std::move(path)), options_(std::move(options)) {}

tl::expected<std::unique_ptr<Source>, Error> YammerSource::Open(const std::string& path,
                                                                const SourceOptions& options) {
  std::unique_ptr<YammerSource> source(new YammerSource(path, options));
  if (auto loaded = source->LoadNames(); !loaded) {
    return tl::unexpected(loaded.error());
  }
  if (auto opened = source->OpenMessages(); !opened) {
    return tl::unexpected(opened.error());
  }
  return std::unique_ptr<Source>(std::move(source));
}

tl::expected<void, Error> YammerSource::LoadNames() {
  // Beside a Messages.csv given alone, its export's Users.csv and Groups.csv may lie.
  const bool alone = IsCsvFile(path_);
  const std::string container = alone ? fs::path(path_).parent_path().string() : path_;
  if (container.empty()) {
    return {};
  }
  auto reader = archive::ExportReader::Open(container);
  if (!reader) {
    return alone ? tl::expected<void, Error>()
                 : tl::unexpected(Error{path_, 0, reader.error().message});
  }
  for (;;) {
    auto entry = (*reader)->Next();
    if (!entry) {
      if ((*reader)->done()) {
        return tl::unexpected(Error{path_, 0, entry.error().message});
      }
      continue;  // a refused entry: Open says so when it is Messages.csv
    }
    if (!*entry) {
      return {};
    }
    const std::string_view file = FileName((*entry)->path);
    const bool users = SameIgnoringCase(file, "Users.csv");
    if ((alone && (*entry)->path.find('/') != std::string::npos) ||
        (!users && !SameIgnoringCase(file, "Groups.csv"))) {
      continue;
    }
    auto bytes = (*reader)->ReadAll();
    if (!bytes) {
      return tl::unexpected(Error{path_, 0, bytes.error().message});
    }
    LoadNameTable(*bytes, users ? users_ : groups_);
  }
}

tl::expected<void, Error> YammerSource::OpenMessages() {
  CsvRecords::Fill fill;
  if (IsCsvFile(path_)) {
    file_.reset(std::fopen(path_.c_str(), "rb"));
    if (file_ == nullptr) {
      return tl::unexpected(Error{path_, 0, "cannot open the file"});
    }
    std::error_code ec;
    bytes_total_ = fs::file_size(path_, ec);
    messages_name_ = path_;
    fill = [this](char* data, size_t size) -> tl::expected<size_t, Error> {
      const size_t n = std::fread(data, 1, size, file_.get());
      if (n == 0 && std::ferror(file_.get()) != 0) {
        return tl::unexpected(Error{path_, 0, "cannot read the file"});
      }
      bytes_done_ += n;
      return n;
    };
  } else {
    auto reader = archive::ExportReader::Open(path_);
    if (!reader) {
      return tl::unexpected(Error{path_, 0, reader.error().message});
    }
    reader_ = std::move(*reader);
    bytes_total_ = reader_->bytes_total();
    for (;;) {
      auto entry = reader_->Next();
      if (!entry) {
        if (reader_->done()) {
          return tl::unexpected(Error{path_, 0, entry.error().message});
        }
        continue;
      }
      if (!*entry) {
        return tl::unexpected(Error{path_, 0, "not a Yammer export: no Messages.csv found"});
      }
      if (SameIgnoringCase(FileName((*entry)->path), "Messages.csv")) {
        messages_name_ = path_ + "!" + (*entry)->path;
        break;
      }
    }
    fill = [this](char* data, size_t size) -> tl::expected<size_t, Error> {
      auto n = reader_->Read(data, size);
      if (!n) {
        return tl::unexpected(Error{messages_name_, 0, n.error().message});
      }
      return *n;
    };
  }
  records_ = std::make_unique<CsvRecords>(std::move(fill), options_.max_line_bytes);
  auto more = records_->Next(record_);
  if (!more) {
    return tl::unexpected(more.error());
  }
  if (!*more || !record_.problem.empty()) {
    return tl::unexpected(Error{messages_name_, 1, "no header line"});
  }
  columns_.count = record_.fields.size();
  const std::pair<std::string_view, std::optional<size_t>*> wanted[] = {
      {"id", &columns_.id},
      {"replied_to_id", &columns_.replied_to_id},
      {"thread_id", &columns_.thread_id},
      {"conversation_id", &columns_.conversation_id},
      {"group_id", &columns_.group_id},
      {"group_name", &columns_.group_name},
      {"sender_id", &columns_.sender_id},
      {"sender_name", &columns_.sender_name},
      {"body", &columns_.body},
      {"attachments", &columns_.attachments},
      {"created_at", &columns_.created_at},
      {"deleted_at", &columns_.deleted_at},
      {"network_id", &columns_.network_id}};
  for (size_t i = 0; i < record_.fields.size(); ++i) {
    for (const auto& [name, column] : wanted) {
      if (record_.fields[i] == name && !*column) {
        *column = i;
      }
    }
  }
  for (const auto& [name, column] : {std::pair{"id", columns_.id},
                                     {"body", columns_.body},
                                     {"created_at", columns_.created_at}}) {
    if (!column) {
      return tl::unexpected(
          Error{messages_name_, 1, std::string("the header has no '") + name + "' column"});
    }
  }
  return {};
}

SourceProgress YammerSource::progress() const {
  return {reader_ ? reader_->bytes_done() : bytes_done_, bytes_total_};
}

std::string YammerSource::ReadMessage(const CsvRecords::Record& record, Post& post) const {
  if (record.fields.size() != columns_.count) {
    return std::to_string(record.fields.size()) + " fields where the header has " +
           std::to_string(columns_.count);
  }
  const std::string_view id = Field(record, columns_.id);
  if (id.empty()) {
    return "no id";
  }
  const std::string_view created_at = Field(record, columns_.created_at);
  const std::optional<int64_t> created = ParseYammerTime(created_at);
  if (!created) {
    return "created_at is not a time: \"" + std::string(created_at) + "\"";
  }
  post.source = "yammer";
  post.workspace = Field(record, columns_.network_id);
  post.native_id = id;
  post.created_us = *created;
  post.thread_id = Field(record, columns_.thread_id);
  post.parent_id = Field(record, columns_.replied_to_id);
  if (const std::string_view group = Field(record, columns_.group_id); !group.empty()) {
    post.community_id = group;
    const auto known = groups_.find(post.community_id);
    post.community_name =
        known != groups_.end() ? known->second : std::string(Field(record, columns_.group_name));
  } else if (const std::string_view conversation = Field(record, columns_.conversation_id);
             !conversation.empty()) {
    post.community_id = "conversation:" + std::string(conversation);
    post.community_name = "private conversation " + std::string(conversation);
  } else {
    post.community_id = post.community_name = "all-company";
  }
  post.author_id = Field(record, columns_.sender_id);
  const auto user = users_.find(post.author_id);
  post.author_name =
      user != users_.end() ? user->second : std::string(Field(record, columns_.sender_name));
  if (!Field(record, columns_.deleted_at).empty()) {
    post.kind = PostKind::kDelete;
  }
  rules::NormalizedText text = rules::NormalizeNfc(Field(record, columns_.body));
  post.text = std::move(text.text);
  rules::NormalizedText original = rules::NormalizeNfc(record.raw);
  post.original = std::move(original.text);
  post.replaced_invalid_utf8 = text.replaced_invalid || original.replaced_invalid;
  std::string_view attachments = Field(record, columns_.attachments);
  while (!attachments.empty()) {
    const size_t comma = attachments.find(',');
    const std::string_view name = attachments.substr(0, comma);
    if (!name.empty()) {
      post.attachments.push_back(Attachment{rules::NormalizeNfc(name).text, "", 0});
    }
    attachments =
        comma == std::string_view::npos ? std::string_view() : attachments.substr(comma + 1);
  }
  return {};
}

tl::expected<bool, Error> YammerSource::Next(SourceItem& item) {
  for (;;) {
    auto more = records_->Next(record_);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return false;
    }
    if (record_.problem.empty() && record_.fields.size() == 1 && record_.fields[0].empty()) {
      continue;  // an empty line
    }
    item.post = Post{};
    std::string reason =
        record_.problem.empty() ? ReadMessage(record_, item.post) : record_.problem;
    if (reason.empty()) {
      item.is_post = true;
      return true;
    }
    item.is_post = false;
    item.dead_letter = DeadLetter{
        messages_name_, record_.line, std::move(reason),
        rules::NormalizeNfc(std::string_view(record_.raw).substr(0, options_.max_dead_letter_bytes))
            .text};
    return true;
  }
}

}  // namespace holdfast::engine
