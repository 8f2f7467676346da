#include "engine/sources/json_chat_source.h"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

#include "engine/sources/export_entries.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

JsonChatSource::JsonChatSource(std::string path, SourceOptions options, std::string format)
    : path_(std::move(path)),
      name_(path_ == "-" ? "<stdin>" : path_),
      options_(std::move(options)),
      format_(std::move(format)) {}

tl::expected<void, Error> JsonChatSource::OpenInput() {
  if (IsSingleFile(path_)) {
    return {};
  }
  auto reader = archive::ExportReader::Open(path_);
  if (!reader) {
    return tl::unexpected(Error{path_, 0, reader.error().message});
  }
  reader_ = std::move(*reader);
  return {};
}

bool JsonChatSource::ReadJsonStart(const std::string& path, size_t max_bytes, std::string& start) {
  if (path == "-") {
    return false;
  }
  start.assign(max_bytes, '\0');
  if (IsSingleFile(path)) {
    std::ifstream in(path, std::ios::binary);
    in.read(start.data(), std::streamsize(start.size()));
    start.resize(size_t(in.gcount()));
    return true;
  }
  bool found = false;
  DetectByEntries(path, [&](std::string_view entry_path, archive::ExportReader& reader) {
    if (!entry_path.ends_with(".json")) {
      return Verdict::kNext;
    }
    auto read = reader.Read(start.data(), start.size());
    start.resize(read ? *read : 0);
    found = read.has_value();
    return Verdict::kNo;  // the first .json decides, in the caller
  });
  return found;
}

SourceProgress JsonChatSource::progress() const {
  if (!reader_) {
    return {single_read_ ? single_bytes_ : 0, single_bytes_};
  }
  return {reader_->bytes_done(), reader_->bytes_total()};
}

void JsonChatSource::DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                                    std::string_view raw) const {
  item.is_post = false;
  item.dead_letter = DeadLetter{file_, record, std::move(reason),
                                std::string(raw.substr(0, options_.max_dead_letter_bytes))};
}

tl::expected<bool, Error> JsonChatSource::OpenNextFile(SourceItem& item, bool& yielded) {
  yielded = false;
  if (!reader_) {
    if (single_read_) {
      return false;
    }
    single_read_ = true;
    file_ = name_;
    if (path_ == "-") {
      bytes_.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(path_, std::ios::binary);
      if (!in) {
        return tl::unexpected(Error{path_, 0, "cannot open the file"});
      }
      bytes_.assign(std::istreambuf_iterator<char>(in), {});
      if (in.bad()) {
        return tl::unexpected(Error{path_, 0, "cannot read the file"});
      }
    }
    single_bytes_ = bytes_.size();
  } else {
    // Media files travel with the export; only .json files are chats.
    auto more = ReadNextEntryInto(
        *reader_, path_, [](std::string_view entry) { return entry.ends_with(".json"); }, file_,
        bytes_, item, yielded);
    if (!more || !*more || yielded) {
      return more;
    }
  }
  found_ = FindMessageArrays(bytes_);
  array_ = 0;
  message_ = 0;
  array_begun_ = false;
  tail_due_ = false;
  record_ = 0;
  if (found_.arrays.empty()) {
    DeadLetterItem(item, 0,
                   "no \"messages\" array found: not a " + format_ + " export" +
                       (found_.truncated ? " (or cut off before its messages)" : ""),
                   bytes_);
    yielded = true;
    return true;
  }
  end_due_ = found_.truncated && !found_.arrays.back().truncated;
  in_file_ = true;
  return true;
}

void JsonChatSource::BeginArray() {
  std::string chat = std::move(found_.arrays[array_].chat);
  if (!simdjson::validate_utf8(chat)) {
    chat = rules::NormalizeNfc(chat).text;  // U+FFFD for each invalid sequence
  }
  simdjson::dom::element element;
  if (parser_.parse(chat).get(element) != simdjson::SUCCESS || !element.is_object()) {
    // The messages still count without their chat's names.
    static const std::string kEmpty = "{}";
    [[maybe_unused]] const bool parsed = parser_.parse(kEmpty).get(element) == simdjson::SUCCESS;
    assert(parsed);
  }
  StartChat(element);
}

void JsonChatSource::Emit(ByteSpan span, SourceItem& item) {
  const std::string_view raw(bytes_.data() + span.begin, span.end - span.begin);
  const bool replaced = !simdjson::validate_utf8(raw.data(), raw.size());
  const std::string text = replaced ? rules::NormalizeNfc(raw).text : std::string(raw);
  simdjson::dom::element element;
  if (auto error = parser_.parse(text).get(element); error != simdjson::SUCCESS) {
    DeadLetterItem(item, record_, std::string("not valid JSON: ") + simdjson::error_message(error),
                   raw);
    return;
  }
  item.post = Post{};
  if (std::string reason = ReadMessage(element, item.post); !reason.empty()) {
    DeadLetterItem(item, record_, std::move(reason), raw);
    return;
  }
  item.is_post = true;
  item.post.original = simdjson::minify(element);
  item.post.replaced_invalid_utf8 = replaced;
}

tl::expected<bool, Error> JsonChatSource::Next(SourceItem& item) {
  for (;;) {
    if (in_file_ && array_ < found_.arrays.size()) {
      const MessageArray& array = found_.arrays[array_];
      if (!array_begun_) {
        BeginArray();
        array_begun_ = true;
        tail_due_ = array.truncated;
      }
      if (message_ < array.messages.size()) {
        ++record_;
        Emit(array.messages[message_++], item);
        return true;
      }
      if (tail_due_) {
        tail_due_ = false;
        DeadLetterItem(
            item, record_ + 1,
            "the file ends inside its messages (truncated JSON); the messages before "
            "the cut were read",
            std::string_view(bytes_).substr(array.tail.begin, array.tail.end - array.tail.begin));
        return true;
      }
      ++array_;
      message_ = 0;
      array_begun_ = false;
      continue;
    }
    if (in_file_ && end_due_) {
      end_due_ = false;
      DeadLetterItem(
          item, 0,
          "the file ends before its JSON does (truncated); every message before the "
          "cut was read, anything after it is lost",
          std::string_view(bytes_).substr(bytes_.size() - std::min<size_t>(bytes_.size(), 256)));
      return true;
    }
    in_file_ = false;
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
