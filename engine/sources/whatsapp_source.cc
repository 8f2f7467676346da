#include "engine/sources/whatsapp_source.h"

#include <array>
#include <fstream>
#include <iterator>

#include "archive/merkle.h"
#include "archive/record.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

namespace {

constexpr size_t kDetectLines = 20;        // non-empty lines looked at to call a .txt a chat
constexpr size_t kSniffBytes = 64 * 1024;  // of a file not named .txt, for the same look

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view Stem(std::string_view file) {
  for (std::string_view extension : {".txt", ".zip"}) {
    if (file.ends_with(extension)) {
      return file.substr(0, file.size() - extension.size());
    }
  }
  return file;
}

// "WhatsApp Chat with X" -> "X"; other names unchanged.
std::string_view ChatName(std::string_view stem) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {
      "WhatsApp Chat with ", "WhatsApp-chat met ", "WhatsApp Chat mit ",
      "WhatsApp-Chat mit ",  "WhatsApp Chat - ",   "WhatsApp-chat - "};
  for (std::string_view prefix : kPrefixes) {
    if (stem.starts_with(prefix) && stem.size() > prefix.size()) {
      return stem.substr(prefix.size());
    }
  }
  return stem;
}

bool IsChatFileName(std::string_view file) {
  return file.ends_with(".txt") &&
         (file == "_chat.txt" || file.starts_with("WhatsApp Chat") ||
          file.starts_with("WhatsApp-chat") || file.starts_with("WhatsApp-Chat"));
}

// The chat's name for the .txt at `entry` inside `container` (a zip or folder path; empty for
// a single file): see the header.
std::string Community(std::string_view entry, std::string_view container) {
  const std::string_view stem = Stem(BaseName(entry));
  if (stem != "_chat") {
    return std::string(ChatName(stem));
  }
  const size_t slash = entry.find_last_of('/');
  std::string_view holder = slash == std::string_view::npos ? container : entry.substr(0, slash);
  while (holder.size() > 1 && holder.back() == '/') {
    holder.remove_suffix(1);
  }
  holder = Stem(BaseName(holder));
  return holder.empty() || holder == "." ? std::string("_chat") : std::string(ChatName(holder));
}

// True when one of the first non-empty lines is a message header.
bool LooksLikeChat(std::string_view bytes) {
  size_t seen = 0;
  size_t pos = 0;
  while (pos < bytes.size() && seen < kDetectLines) {
    size_t end = bytes.find('\n', pos);
    end = end == std::string_view::npos ? bytes.size() : end;
    const std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) {
      continue;
    }
    ++seen;
    if (ParseWhatsAppHeader(line)) {
      return true;
    }
  }
  return false;
}

bool IsZip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4);
}

// Looks through a zip or folder for a chat, refusing Slack exports.
bool DetectIn(const std::string& path, int depth) {
  auto reader = archive::ExportReader::Open(path);
  if (!reader) {
    return false;
  }
  bool found = false;
  for (int entries = 0; entries < 10000; ++entries) {
    auto entry = (*reader)->Next();
    if (!entry) {
      if ((*reader)->done()) {
        break;
      }
      continue;
    }
    if (!*entry) {
      break;
    }
    const std::string_view file = BaseName((*entry)->path);
    if (file == "channels.json" || file == "users.json") {
      return false;
    }
    if (found) {
      continue;
    }
    if (IsChatFileName(file)) {
      found = true;
    } else if (file.ends_with(".txt")) {
      auto bytes = (*reader)->ReadAll();
      found = bytes && LooksLikeChat(*bytes);
    } else if (file.ends_with(".zip") && depth == 0 && (*reader)->is_folder()) {
      found = DetectIn(((*reader)->path() / (*entry)->path).string(), depth + 1);
    }
  }
  return found;
}

}  // namespace

WhatsAppSource::WhatsAppSource(std::string path, SourceOptions options, TimeZone zone)
    : path_(std::move(path)), options_(std::move(options)), zone_(std::move(zone)) {}

bool WhatsAppSource::Detect(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return DetectIn(path, 0);
  }
  if (IsZip(path)) {
    return DetectIn(path, 0);
  }
  if (path.ends_with(".txt")) {
    return true;
  }
  // A chat saved under another name: its first lines say what it is.
  std::ifstream in(path, std::ios::binary);
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return LooksLikeChat(head);
}

tl::expected<std::unique_ptr<Source>, Error> WhatsAppSource::Open(const std::string& path,
                                                                  const SourceOptions& options) {
  auto zone = TimeZone::Load(options.tz);
  if (!zone) {
    return tl::unexpected(zone.error());
  }
  std::unique_ptr<WhatsAppSource> source(new WhatsAppSource(path, options, std::move(*zone)));
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec) && !IsZip(path)) {
    source->single_file_ = true;
    return std::unique_ptr<Source>(std::move(source));
  }
  auto reader = archive::ExportReader::Open(path);
  if (!reader) {
    return tl::unexpected(Error{path, 0, reader.error().message});
  }
  source->outer_ = std::move(*reader);
  return std::unique_ptr<Source>(std::move(source));
}

SourceProgress WhatsAppSource::progress() const {
  if (single_file_) {
    return {pos_, bytes_.size()};
  }
  return {outer_->bytes_done(), outer_->bytes_total()};
}

void WhatsAppSource::DeadLetterItem(SourceItem& item, uint64_t line, std::string reason,
                                    std::string_view raw) const {
  item.is_post = false;
  item.dead_letter = DeadLetter{file_, line, std::move(reason),
                                std::string(raw.substr(0, options_.max_dead_letter_bytes))};
}

tl::expected<bool, Error> WhatsAppSource::Next(SourceItem& item) {
  for (;;) {
    if (in_chat_) {
      if (NextInChat(item)) {
        return true;
      }
      in_chat_ = false;
    }
    bool yielded = false;
    auto more = NextChat(item, yielded);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more || yielded) {
      return *more;
    }
  }
}

tl::expected<bool, Error> WhatsAppSource::NextChat(SourceItem& item, bool& yielded) {
  yielded = false;
  // A file of the export that cannot be read is a dead letter for the whole file.
  auto file_dead = [&](std::string file, std::string reason) {
    item.is_post = false;
    item.dead_letter = DeadLetter{std::move(file), 0, std::move(reason), {}};
    yielded = true;
    return true;
  };
  if (single_file_) {
    if (single_done_) {
      return false;
    }
    single_done_ = true;
    std::ifstream in(path_, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) {
      return tl::unexpected(Error{path_, 0, "cannot read the chat file"});
    }
    const std::string parent = std::filesystem::path(path_).parent_path().string();
    StartChat(path_, Community(path_, parent), std::move(bytes));
    return true;
  }
  for (;;) {
    archive::ExportReader& reader = inner_ ? *inner_ : *outer_;
    const std::string container = inner_ ? inner_name_ : path_;
    auto entry = reader.Next();
    if (!entry) {
      if (reader.done() && !inner_) {
        return tl::unexpected(Error{path_, 0, entry.error().message});
      }
      if (reader.done()) {
        inner_.reset();
      }
      return file_dead(entry.error().path.empty() ? container : entry.error().path,
                       entry.error().message);
    }
    if (!*entry) {
      if (!inner_) {
        return false;
      }
      inner_.reset();
      continue;
    }
    const std::string& entry_path = (*entry)->path;
    const std::string shown =
        reader.is_folder() ? (reader.path() / entry_path).string() : container + "!" + entry_path;
    if (entry_path.ends_with(".zip") && reader.is_folder() && !inner_) {
      auto nested = archive::ExportReader::Open(reader.path() / entry_path);
      if (!nested) {
        return file_dead(shown, nested.error().message);
      }
      inner_ = std::move(*nested);
      inner_name_ = shown;
      continue;
    }
    if (entry_path.ends_with(".zip")) {
      notes_.push_back(shown + ": skipped, a zip inside a zip (unpack the outer one first)");
      continue;
    }
    if (!entry_path.ends_with(".txt")) {
      continue;  // media files: the messages name them
    }
    auto bytes = reader.ReadAll();
    if (!bytes) {
      return file_dead(shown, bytes.error().message);
    }
    if (!IsChatFileName(BaseName(entry_path)) && !LooksLikeChat(*bytes)) {
      notes_.push_back(shown + ": skipped, no WhatsApp message header in its first lines");
      continue;
    }
    StartChat(shown, Community(entry_path, container), std::move(*bytes));
    return true;
  }
}

void WhatsAppSource::StartChat(std::string file, std::string community, std::string bytes) {
  file_ = std::move(file);
  community_ = std::move(community);
  bytes_ = std::move(bytes);
  pos_ = bytes_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  line_ = 0;
  last_time_.clear();
  same_time_.clear();
  DateOrderDetector detector;
  std::string_view line;
  bool any = false;
  const size_t start = pos_;
  while (TakeLine(line)) {
    if (auto header = ParseWhatsAppHeader(line)) {
      detector.Add(*header);
      any = true;
    }
  }
  pos_ = start;
  line_ = 0;
  order_ = detector.Decide();
  if (any) {
    notes_.push_back(file_ + ": " + detector.Explain());
  }
  in_chat_ = true;
}

bool WhatsAppSource::TakeLine(std::string_view& line) {
  if (pos_ >= bytes_.size()) {
    return false;
  }
  size_t end = bytes_.find('\n', pos_);
  const size_t next = end == std::string::npos ? bytes_.size() : end + 1;
  end = end == std::string::npos ? bytes_.size() : end;
  if (end > pos_ && bytes_[end - 1] == '\r') {
    --end;
  }
  line = std::string_view(bytes_).substr(pos_, end - pos_);
  pos_ = next;
  ++line_;
  return true;
}

bool WhatsAppSource::PeekIsContinuation() const {
  if (pos_ >= bytes_.size()) {
    return false;
  }
  size_t end = bytes_.find('\n', pos_);
  end = end == std::string::npos ? bytes_.size() : end;
  const std::string_view line = std::string_view(bytes_).substr(pos_, end - pos_);
  return line.size() <= options_.max_line_bytes && !ParseWhatsAppHeader(line);
}

bool WhatsAppSource::NextInChat(SourceItem& item) {
  std::string_view line;
  while (TakeLine(line)) {
    const uint64_t first = line_;
    const size_t start = static_cast<size_t>(line.data() - bytes_.data());
    if (line.size() > options_.max_line_bytes) {
      DeadLetterItem(item, first,
                     "line longer than " + std::to_string(options_.max_line_bytes) + " bytes",
                     line);
      return true;
    }
    const auto header = ParseWhatsAppHeader(line);
    if (!header && line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;  // blank lines between messages are no record
    }
    size_t end = start + line.size();
    std::string_view more;
    while (PeekIsContinuation() && TakeLine(more)) {
      if (more.find_first_not_of(" \t") != std::string_view::npos) {
        end = static_cast<size_t>(more.data() - bytes_.data()) + more.size();  // blank lines
      }  // at the end of a message belong to no one
    }
    const std::string_view raw = std::string_view(bytes_).substr(start, end - start);
    if (!header) {
      DeadLetterItem(item, first,
                     first == 1 || last_time_.empty()
                         ? "text before the first message header"
                         : "text after a dead-lettered line, outside any message",
                     raw);
      return true;
    }
    const auto time = ResolveDate(*header, order_);
    if (!time) {
      DeadLetterItem(item, first,
                     "the date is no calendar date when read " +
                         std::string(DateOrderName(order_)) + " (the order chosen for this file)",
                     raw);
      return true;
    }
    item.is_post = true;
    item.post = Post{};
    const size_t body = static_cast<size_t>(header->rest.data() - bytes_.data());
    BuildPost(*time, std::string_view(bytes_).substr(body, end - body), item.post);
    item.post.original = raw;
    if (item.post.replaced_invalid_utf8) {
      item.post.original = rules::NormalizeNfc(raw).text;
    }
    return true;
  }
  return false;
}

void WhatsAppSource::BuildPost(const CivilTime& time, std::string_view body, Post& post) {
  std::string joined;  // CRLF files: lines keep "\n" only
  for (char c : body) {
    if (c != '\r') {
      joined += c;
    }
  }
  while (!joined.empty() && joined.back() == '\n') {
    joined.pop_back();
  }
  std::string_view author;
  std::string_view text = joined;
  const bool has_author = SplitAuthor(joined, author, text);
  const std::string clean = StripDirectionMarks(text);
  const size_t newline = clean.find('\n');
  std::string file_name;
  post.kind = PostKind::kMessage;
  if (ParseMediaMarker(std::string_view(clean).substr(0, newline), file_name)) {
    post.attachments.push_back({file_name, std::string(MediaType(file_name)), 0});
  } else if (IsDeletedMarker(clean)) {
    post.kind = PostKind::kDelete;
  } else if (!has_author || StartsWithMark(text)) {
    post.kind = PostKind::kSystem;
  }
  const rules::NormalizedText name = rules::NormalizeNfc(StripDirectionMarks(author));
  const rules::NormalizedText normalized = rules::NormalizeNfc(clean);
  // iOS writes system texts under the chat's own name; that is no author.
  if (!(post.kind == PostKind::kSystem && name.text == community_)) {
    post.author_name = name.text;
    post.author_id = AuthorId(post.author_name);
  }
  post.source = "whatsapp";
  post.community_id = community_;
  post.community_name = community_;
  post.text = normalized.text;
  post.replaced_invalid_utf8 = name.replaced_invalid || normalized.replaced_invalid;
  post.created_us = zone_.LocalToUtc(time.LocalSeconds()) * 1'000'000;
  std::string local = time.ToString();
  if (local != last_time_) {
    same_time_.clear();
    last_time_ = local;
  }
  const std::string hash =
      archive::ToHex(archive::Sha256(name.text + '\0' + post.text)).substr(0, 16);
  const int ordinal = ++same_time_[hash];
  post.native_id = local + "/" + hash;
  if (ordinal > 1) {
    post.native_id += '/';
    post.native_id += std::to_string(ordinal);
  }
}

}  // namespace holdfast::engine
