#include "engine/sources/teams_source.h"

#include <array>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

#include "engine/sources/export_entries.h"
#include "engine/time_format.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool IsMessageFileName(std::string_view path) {
  const std::string_view file = FileName(path);
  if (!file.ends_with(".json") && !file.ends_with(".jsonl") && !file.ends_with(".ndjson")) {
    return false;
  }
  return !IsTeamsMetadataFile(file) && !file.starts_with("teamMembers_") &&
         file != "teamsSettings.json";
}

bool IsJsonLinesName(std::string_view path) {
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

bool IsOneJsonFile(const std::string& path) {
  std::error_code ec;
  return path == "-" ||
         (std::filesystem::is_regular_file(path, ec) &&
          (path.ends_with(".json") || path.ends_with(".jsonl") || path.ends_with(".ndjson")));
}

// The whole of a file, or of standard input, with simdjson's padding after it.
tl::expected<simdjson::padded_string, Error> ReadWholeFile(const std::string& path) {
  if (path == "-") {
    return simdjson::padded_string(std::string(std::istreambuf_iterator<char>(std::cin), {}));
  }
  simdjson::padded_string bytes;
  if (auto error = simdjson::padded_string::load(path).get(bytes); error != simdjson::SUCCESS) {
    return tl::unexpected(Error{path, 0, simdjson::error_message(error)});
  }
  return bytes;
}

}  // namespace

TeamsSource::TeamsSource(std::string path, SourceOptions options)
    : path_(std::move(path)),
      name_(path_ == "-" ? "<stdin>" : path_),
      options_(std::move(options)) {}

tl::expected<std::unique_ptr<Source>, Error> TeamsSource::Open(const std::string& path,
                                                               const SourceOptions& options) {
  std::unique_ptr<TeamsSource> source(new TeamsSource(path, options));
  if (path != "-" && IsOneJsonFile(path) && IsJsonLinesName(path)) {
    auto lines = LineReader::Open(path, options.max_line_bytes);
    if (!lines) {
      return tl::unexpected(lines.error());
    }
    source->lines_ = std::move(*lines);
    source->file_ = source->name_;
  } else if (!IsOneJsonFile(path)) {
    source->LoadDirectory();
    auto reader = archive::ExportReader::Open(path);
    if (!reader) {
      return tl::unexpected(Error{path, 0, reader.error().message});
    }
    source->reader_ = std::move(*reader);
  }
  return std::unique_ptr<Source>(std::move(source));
}

bool TeamsSource::Recognizes(const std::string& path) {
  if (path == "-") {
    return false;
  }
  if (IsOneJsonFile(path)) {
    std::ifstream in(path, std::ios::binary);
    std::string start(64 << 10, '\0');
    in.read(start.data(), std::streamsize(start.size()));
    start.resize(size_t(in.gcount()));
    return LooksLikeChatMessages(start);
  }
  return DetectByEntries(path, [](std::string_view entry_path, archive::ExportReader& reader) {
    const std::string_view file = FileName(entry_path);
    if (file == "usersList.json" || file == "teamsList.json" || file.starts_with("messages_")) {
      return Verdict::kYes;  // TeamsDataExport
    }
    if (!IsMessageFileName(entry_path)) {
      return Verdict::kNext;
    }
    auto bytes = reader.ReadAll();
    return bytes && LooksLikeChatMessages(std::string_view(*bytes).substr(0, 64 << 10))
               ? Verdict::kYes
               : Verdict::kNo;
  });
}

SourceProgress TeamsSource::progress() const {
  if (lines_) {
    return {lines_->bytes_done(), lines_->bytes_total()};
  }
  if (!reader_) {
    return {single_read_ ? single_bytes_ : 0, single_bytes_};
  }
  return {reader_->bytes_done(), reader_->bytes_total()};
}

// Names are a courtesy: an export without them, or with one that does not parse, still
// yields every message, with ids for names.
void TeamsSource::LoadDirectory() {
  auto reader = archive::ExportReader::Open(path_);
  if (!reader) {
    return;
  }
  for (;;) {
    auto entry = (*reader)->Next();
    if (!entry) {
      if ((*reader)->done()) {
        return;
      }
      continue;
    }
    if (!*entry) {
      return;
    }
    if (!IsTeamsMetadataFile(FileName((*entry)->path))) {
      continue;
    }
    auto bytes = (*reader)->ReadAll();
    simdjson::dom::array array;
    if (bytes && parser_.parse(StripBom(*bytes)).get_array().get(array) == simdjson::SUCCESS) {
      LoadMetadata((*entry)->path, array);
    }
  }
}

void TeamsSource::LoadMetadata(std::string_view entry_path, simdjson::dom::array array) {
  const std::string_view file = FileName(entry_path);
  for (simdjson::dom::element element : array) {
    if (!element.is_object()) {
      continue;
    }
    if (file == "usersList.json") {
      users_[std::string(Str(element, "id"))] = Str(element, "displayName");
    } else if (file == "teamsList.json") {
      teams_[std::string(Str(element, "groupsId"))] = Str(element, "name");
    } else {  // channels_<team id>.json
      channels_[std::string(Str(element, "id"))] =
          Channel{std::string(Str(element, "displayName")), std::string(Str(element, "tenantId"))};
    }
  }
}

void TeamsSource::DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                                 std::string_view raw) const {
  item.is_post = false;
  item.dead_letter = DeadLetter{file_, record, std::move(reason),
                                std::string(raw.substr(0, options_.max_dead_letter_bytes))};
}

tl::expected<bool, Error> TeamsSource::NextFileBytes(SourceItem& item, bool& yielded) {
  if (!reader_) {
    if (single_read_) {
      return false;
    }
    single_read_ = true;
    file_ = name_;
    auto read = ReadWholeFile(path_);
    if (!read) {
      return tl::unexpected(read.error());
    }
    single_bytes_ = read->size();
    bytes_ = std::move(*read);
    return true;
  }
  std::string bytes;
  auto more = ReadNextEntryInto(*reader_, path_, IsMessageFileName, file_, bytes, item, yielded);
  if (!more || !*more || yielded) {
    return more;
  }
  bytes_ = simdjson::padded_string(bytes);
  return true;
}

tl::expected<bool, Error> TeamsSource::OpenNextFile(SourceItem& item, bool& yielded) {
  yielded = false;
  auto more = NextFileBytes(item, yielded);
  if (!more || !*more || yielded) {
    return more;
  }
  StartFile(item, yielded);
  return true;
}

void TeamsSource::StartFile(SourceItem& item, bool& yielded) {
  const std::string_view read(bytes_.data(), bytes_.size());
  file_replaced_ = !simdjson::validate_utf8(read.data(), read.size());
  if (file_replaced_) {
    // U+FFFD for each invalid sequence
    bytes_ = simdjson::padded_string(rules::NormalizeNfc(StripBom(read)).text);
  } else if (StripBom(read).size() != read.size()) {
    bytes_ = simdjson::padded_string(StripBom(read));
  }
  const std::string_view text(bytes_.data(), bytes_.size());
  record_ = 0;
  spans_.clear();
  next_span_ = 0;
  truncated_ = false;
  if (IsJsonLinesName(file_)) {
    SplitLines(text, spans_);
    mode_ = Mode::kSpans;
    return;
  }
  simdjson::dom::element root;
  const simdjson::error_code error = parser_.parse(bytes_).get(root);
  if (error == simdjson::SUCCESS) {
    simdjson::dom::array array;
    if (root.get_array().get(array) == simdjson::SUCCESS ||
        Get(root, "value").get_array().get(array) == simdjson::SUCCESS) {
      next_ = array.begin();
      end_ = array.end();
      mode_ = Mode::kArray;
    } else {
      one_ = root;
      mode_ = Mode::kOne;
    }
    return;
  }
  // The whole-file parse failed: JSON Lines, or a damaged array to read record by record.
  if (IsJsonLines(text)) {
    SplitLines(text, spans_);
    mode_ = Mode::kSpans;
    return;
  }
  if (!SplitArray(text, spans_, tail_, truncated_)) {
    DeadLetterItem(item, 0,
                   std::string("not a JSON array or Graph page of messages: ") +
                       simdjson::error_message(error),
                   text);
    yielded = true;
    return;
  }
  mode_ = Mode::kSpans;
}

void TeamsSource::Emit(simdjson::dom::element element, uint64_t record, SourceItem& item) {
  item.post = Post{};
  if (std::string reason = ReadMessage(element, item.post); !reason.empty()) {
    DeadLetterItem(item, record, std::move(reason), simdjson::minify(element));
    return;
  }
  item.is_post = true;
  item.post.replaced_invalid_utf8 =
      file_replaced_ && item.post.original.find(kReplacement) != std::string::npos;
}

// A JSONL file is streamed line by line, so its size is not bounded by memory.
tl::expected<bool, Error> TeamsSource::NextLine(SourceItem& item) {
  for (;;) {
    bool too_long = false;
    auto more = lines_->Next(line_, too_long);
    if (!more || !*more) {
      return more;
    }
    ++record_;
    if (!too_long && line_.find_first_not_of(" \t\r") == std::string::npos) {
      continue;  // blank lines are not records
    }
    if (too_long) {
      DeadLetterItem(item, record_,
                     "line longer than " + std::to_string(options_.max_line_bytes) + " bytes",
                     line_);
      return true;
    }
    file_replaced_ = !simdjson::validate_utf8(line_);
    if (file_replaced_) {
      line_ = rules::NormalizeNfc(line_).text;
    }
    simdjson::dom::element element;
    if (auto error = parser_.parse(line_).get(element); error != simdjson::SUCCESS) {
      DeadLetterItem(item, record_,
                     std::string("not valid JSON: ") + simdjson::error_message(error), line_);
      return true;
    }
    Emit(element, record_, item);
    return true;
  }
}

tl::expected<bool, Error> TeamsSource::Next(SourceItem& item) {
  if (lines_) {
    return NextLine(item);
  }
  for (;;) {
    if (mode_ == Mode::kArray && next_ != end_) {
      const simdjson::dom::element element = *next_;
      ++next_;
      Emit(element, ++record_, item);
      return true;
    }
    if (mode_ == Mode::kOne) {
      mode_ = Mode::kNone;
      Emit(one_, 1, item);
      return true;
    }
    if (mode_ == Mode::kSpans && next_span_ < spans_.size()) {
      const JsonSpan span = spans_[next_span_++];
      const std::string_view raw(bytes_.data() + span.begin, span.end - span.begin);
      simdjson::dom::element element;
      // The span lies inside bytes_, whose padding follows the last byte.
      if (auto error = parser_.parse(raw.data(), raw.size(), false).get(element);
          error != simdjson::SUCCESS) {
        DeadLetterItem(item, span.record,
                       std::string("not valid JSON: ") + simdjson::error_message(error), raw);
        return true;
      }
      Emit(element, span.record, item);
      return true;
    }
    if (mode_ == Mode::kSpans && truncated_) {
      truncated_ = false;
      DeadLetterItem(item, tail_.record,
                     tail_.begin == tail_.end
                         ? "the file ends before this record (truncated JSON); the records "
                           "before it were read"
                         : "the file ends inside this record (truncated JSON); the records "
                           "before it were read",
                     std::string_view(bytes_.data() + tail_.begin, tail_.end - tail_.begin));
      return true;
    }
    mode_ = Mode::kNone;
    bool yielded = false;
    auto opened = OpenNextFile(item, yielded);
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    if (!*opened || yielded) {
      return *opened;
    }
  }
}

}  // namespace holdfast::engine
