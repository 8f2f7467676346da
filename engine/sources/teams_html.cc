#include "engine/sources/teams_html.h"

#include <array>
#include <charconv>

#include "engine/sources/teams_json.h"

namespace holdfast::engine {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Encodes `cp` as UTF-8 into `buffer`; returns the length. Code points that cannot be
// encoded (NUL, surrogates, beyond U+10FFFF) become U+FFFD.
size_t EncodeUtf8(uint32_t cp, char* buffer) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    buffer[0] = char(cp);
    return 1;
  }
  if (cp < 0x800) {
    buffer[0] = char(0xC0 | (cp >> 6));
    buffer[1] = char(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buffer[0] = char(0xE0 | (cp >> 12));
    buffer[1] = char(0x80 | ((cp >> 6) & 0x3F));
    buffer[2] = char(0x80 | (cp & 0x3F));
    return 3;
  }
  buffer[0] = char(0xF0 | (cp >> 18));
  buffer[1] = char(0x80 | ((cp >> 12) & 0x3F));
  buffer[2] = char(0x80 | ((cp >> 6) & 0x3F));
  buffer[3] = char(0x80 | (cp & 0x3F));
  return 4;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  char buffer[4];
  out.append(buffer, EncodeUtf8(cp, buffer));
}

struct NamedEntity {
  std::string_view name;
  uint32_t code_point;
};

// The entities Teams and Outlook write; anything else is rare enough to stay as written.
constexpr std::array<NamedEntity, 28> kEntities = {{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"hellip", 0x2026},
    {"bull", 0x2022},  {"middot", 0xB7},  {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"laquo", 0xAB},   {"raquo", 0xBB},   {"times", 0xD7},
    {"deg", 0xB0},     {"shy", 0xAD},     {"zwj", 0x200D},
}};

// Decodes the entity that starts `text` (text[0] == '&'). Returns the bytes it spans, or 0
// when `text` does not start with a known entity.
size_t DecodeEntity(std::string_view text, uint32_t& cp) {
  const size_t semicolon = text.substr(0, 12).find(';');
  if (semicolon == std::string_view::npos || semicolon < 2) {
    return 0;
  }
  const std::string_view body = text.substr(1, semicolon - 1);
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    uint32_t value = 0;
    auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
      return 0;
    }
    cp = value;
    return semicolon + 1;
  }
  for (const NamedEntity& entity : kEntities) {
    if (entity.name == body) {
      cp = entity.code_point;
      return semicolon + 1;
    }
  }
  return 0;
}

void AppendDecoded(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t cp = 0;
    const size_t used = text[i] == '&' ? DecodeEntity(text.substr(i), cp) : 0;
    if (used == 0) {
      out += text[i];
      continue;
    }
    AppendUtf8(cp, out);
    i += used - 1;
  }
}

struct Tag {
  std::string_view name;  // empty for comments, doctypes and processing instructions
  std::string_view attributes;
  bool closing = false;
};

// Reads the tag that starts `text` (text[0] == '<'). Returns the bytes it spans, or 0 when the
// '<' opens no tag ("a < b") and is text.
size_t ParseTag(std::string_view text, Tag& tag) {
  tag = Tag{};
  if (text.starts_with("<!--")) {
    const size_t end = text.find("-->", 4);
    return end == std::string_view::npos ? text.size() : end + 3;
  }
  size_t i = 1;
  if (i < text.size() && (text[i] == '!' || text[i] == '?')) {
    const size_t end = text.find('>');
    return end == std::string_view::npos ? text.size() : end + 1;
  }
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= text.size() || !IsAlpha(text[i])) {
    return 0;
  }
  const size_t name_begin = i;
  while (i < text.size() && !IsSpace(text[i]) && text[i] != '>' && text[i] != '/') {
    ++i;
  }
  tag.name = text.substr(name_begin, i - name_begin);
  const size_t attributes_begin = i;
  char quote = 0;
  for (; i < text.size(); ++i) {
    if (quote != 0) {
      quote = text[i] == quote ? 0 : quote;
    } else if (text[i] == '"' || text[i] == '\'') {
      quote = text[i];
    } else if (text[i] == '>') {
      tag.attributes = text.substr(attributes_begin, i - attributes_begin);
      return i + 1;
    }
  }
  return text.size();  // a tag cut off at the end of the body: drop it
}

// The raw value of attribute `name` (lower case) in a tag's attribute text; false if absent.
bool FindAttribute(std::string_view attributes, std::string_view name, std::string_view& value) {
  size_t i = 0;
  while (i < attributes.size()) {
    while (i < attributes.size() && (IsSpace(attributes[i]) || attributes[i] == '/')) {
      ++i;
    }
    const size_t name_begin = i;
    while (i < attributes.size() && !IsSpace(attributes[i]) && attributes[i] != '=' &&
           attributes[i] != '/') {
      ++i;
    }
    const std::string_view attribute = attributes.substr(name_begin, i - name_begin);
    while (i < attributes.size() && IsSpace(attributes[i])) {
      ++i;
    }
    std::string_view found;
    if (i < attributes.size() && attributes[i] == '=') {
      ++i;
      while (i < attributes.size() && IsSpace(attributes[i])) {
        ++i;
      }
      if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
        const size_t close = attributes.find(attributes[i], i + 1);
        const size_t end = close == std::string_view::npos ? attributes.size() : close;
        found = attributes.substr(i + 1, end - i - 1);
        i = end + 1;
      } else {
        const size_t begin = i;
        while (i < attributes.size() && !IsSpace(attributes[i])) {
          ++i;
        }
        found = attributes.substr(begin, i - begin);
      }
    }
    if (!attribute.empty() && EqualsIgnoreCase(attribute, name)) {
      value = found;
      return true;
    }
    if (attribute.empty() && i == name_begin) {
      ++i;  // a stray '=': step over it
    }
  }
  return false;
}

// Writes text into `out` from `begin` on, collapsing white space and placing line breaks.
class TextWriter {
 public:
  explicit TextWriter(std::string& out) : out_(out), begin_(out.size()) {}

  size_t size() const { return out_.size(); }
  bool break_pending() const { return pending_break_; }
  std::string_view Since(size_t position) const { return std::string_view(out_).substr(position); }
  void Truncate(size_t position) { out_.resize(position); }

  void Text(std::string_view text) {
    if (text.empty()) {
      return;
    }
    item_start_ = false;
    if (pending_break_) {
      pending_break_ = false;
      if (out_.size() > begin_) {
        Break();
      }
    }
    out_ += text;
  }
  void CodePoint(uint32_t cp) {
    if (cp == 0xA0) {
      Space();
      return;
    }
    char buffer[4];
    Text(std::string_view(buffer, EncodeUtf8(cp, buffer)));
  }
  void Space() {
    if (!pending_break_ && out_.size() > begin_ && out_.back() != ' ' && out_.back() != '\n') {
      out_ += ' ';
    }
  }
  // A block inside a list item that has no text yet stays on the item's line.
  void Block() { pending_break_ = pending_break_ || !item_start_; }
  void ListItem() {
    Block();
    Text("- ");
    item_start_ = true;
  }
  void Break() {
    TrimTrailing(" ");
    out_ += '\n';
    pending_break_ = false;
  }
  void Finish() {
    TrimTrailing(" \n");
    size_t lead = begin_;
    while (lead < out_.size() && (out_[lead] == ' ' || out_[lead] == '\n')) {
      ++lead;
    }
    out_.erase(begin_, lead - begin_);
  }

 private:
  void TrimTrailing(std::string_view characters) {
    while (out_.size() > begin_ && characters.find(out_.back()) != std::string_view::npos) {
      out_.pop_back();
    }
  }

  std::string& out_;
  const size_t begin_;
  bool pending_break_ = false;
  bool item_start_ = false;  // only "- " has been written since the last <li>
};

enum class TagKind { kOther, kBreak, kBlock, kListItem, kCell, kLink, kImage, kEmoji, kAt, kDrop };

TagKind Classify(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kBlocks = {
      "p",  "div", "tr", "h1",         "h2",  "h3",    "h4",    "h5",   "h6",
      "ul", "ol",  "hr", "blockquote", "pre", "table", "thead", "tbody"};
  for (std::string_view block : kBlocks) {
    if (EqualsIgnoreCase(name, block)) {
      return TagKind::kBlock;
    }
  }
  if (EqualsIgnoreCase(name, "br"))
    return TagKind::kBreak;
  if (EqualsIgnoreCase(name, "li"))
    return TagKind::kListItem;
  if (EqualsIgnoreCase(name, "td") || EqualsIgnoreCase(name, "th"))
    return TagKind::kCell;
  if (EqualsIgnoreCase(name, "a"))
    return TagKind::kLink;
  if (EqualsIgnoreCase(name, "img"))
    return TagKind::kImage;
  if (EqualsIgnoreCase(name, "emoji"))
    return TagKind::kEmoji;
  if (EqualsIgnoreCase(name, "at"))
    return TagKind::kAt;
  if (EqualsIgnoreCase(name, "attachment") || EqualsIgnoreCase(name, "script") ||
      EqualsIgnoreCase(name, "style")) {
    return TagKind::kDrop;
  }
  return TagKind::kOther;
}

std::string_view MentionedUser(std::string_view attributes,
                               std::span<const TeamsMention> mentions) {
  std::string_view id_text;
  int64_t id = 0;
  if (!FindAttribute(attributes, "id", id_text) ||
      std::from_chars(id_text.data(), id_text.data() + id_text.size(), id).ec != std::errc()) {
    return {};
  }
  for (const TeamsMention& mention : mentions) {
    if (mention.id == id) {
      return mention.user_id;
    }
  }
  return {};
}

// One body's conversion: the tokenizer loop and what each tag family does.
class Converter {
 public:
  Converter(std::span<const TeamsMention> mentions, std::string& out)
      : mentions_(mentions), writer_(out) {}

  void Run(std::string_view html) {
    size_t i = 0;
    while (i < html.size()) {
      const char c = html[i];
      if (c == '<') {
        Tag tag;
        const size_t used = ParseTag(html.substr(i), tag);
        if (used == 0) {
          Text("<");
          ++i;
        } else {
          i += used;
          OnTag(tag);
        }
      } else if (c == '&') {
        uint32_t cp = 0;
        const size_t used = DecodeEntity(html.substr(i), cp);
        if (used == 0) {
          Text("&");
          ++i;
        } else if (dropping_.empty()) {
          writer_.CodePoint(cp);
          i += used;
        } else {
          i += used;
        }
      } else if (IsSpace(c)) {
        if (dropping_.empty()) {
          writer_.Space();
        }
        ++i;
      } else {
        size_t end = i + 1;
        while (end < html.size() && html[end] != '<' && html[end] != '&' && !IsSpace(html[end])) {
          ++end;
        }
        Text(html.substr(i, end - i));
        i = end;
      }
    }
    writer_.Finish();
  }

 private:
  void Text(std::string_view text) {
    if (dropping_.empty()) {
      writer_.Text(text);
    }
  }

  void OnTag(const Tag& tag) {
    if (tag.name.empty()) {
      return;  // a comment or doctype
    }
    if (!dropping_.empty()) {
      if (tag.closing && EqualsIgnoreCase(tag.name, dropping_)) {
        dropping_ = {};
      }
      return;
    }
    const bool self_closing = tag.attributes.ends_with('/');
    switch (Classify(tag.name)) {
      case TagKind::kBreak:
        writer_.Break();
        break;
      case TagKind::kBlock:
        writer_.Block();
        break;
      case TagKind::kListItem:
        if (tag.closing) {
          writer_.Block();
        } else {
          writer_.ListItem();
        }
        break;
      case TagKind::kCell:
        writer_.Space();
        break;
      case TagKind::kLink:
        OnLink(tag);
        break;
      case TagKind::kImage:
      case TagKind::kEmoji:
        OnImage(tag, self_closing);
        break;
      case TagKind::kAt:
        OnMention(tag, self_closing);
        break;
      case TagKind::kDrop:
        if (!tag.closing && !self_closing) {
          dropping_ = tag.name;
        }
        break;
      case TagKind::kOther:
        break;
    }
  }

  // "label (url)": the target is what a reviewer needs, the label what the author wrote.
  void OnLink(const Tag& tag) {
    std::string_view value;
    if (!tag.closing && FindAttribute(tag.attributes, "href", value)) {
      href_.clear();
      AppendDecoded(value, href_);
      link_start_ = writer_.size();
      return;
    }
    if (!tag.closing || link_start_ == std::string::npos) {
      return;
    }
    std::string_view label = writer_.Since(std::min(link_start_, writer_.size()));
    while (!label.empty() && (label.front() == ' ' || label.front() == '\n')) {
      label.remove_prefix(1);
    }
    if (label.empty()) {
      writer_.Text(href_);
    } else if (label != href_ && !(href_.starts_with("mailto:") && label == href_.substr(7))) {
      writer_.Text(" (");
      writer_.Text(href_);
      writer_.Text(")");
    }
    link_start_ = std::string::npos;
  }

  void OnImage(const Tag& tag, bool self_closing) {
    std::string_view alt;
    if (tag.closing || !FindAttribute(tag.attributes, "alt", alt)) {
      return;
    }
    scratch_.clear();
    AppendDecoded(alt, scratch_);
    writer_.Text(scratch_);
    if (!self_closing && Classify(tag.name) == TagKind::kEmoji) {
      dropping_ = tag.name;  // the alt text stands for the content
    }
  }

  // Teams writes "Jan de Vries" as <at id="0">Jan</at> <at id="1">de Vries</at>; when both
  // ids name one user and only white space lies between, the second continues the first.
  void OnMention(const Tag& tag, bool self_closing) {
    if (tag.closing) {
      if (in_mention_) {
        mention_end_ = writer_.size();
        in_mention_ = false;
      }
      return;
    }
    const std::string_view user = MentionedUser(tag.attributes, mentions_);
    const bool joins = !user.empty() && user == mention_user_ &&
                       mention_end_ != std::string::npos && mention_end_ <= writer_.size() &&
                       !writer_.break_pending() &&
                       writer_.Since(mention_end_).find_first_not_of(' ') == std::string_view::npos;
    if (joins) {
      writer_.Truncate(mention_end_);
      writer_.Text(" ");
    } else {
      writer_.Text("@");
    }
    mention_user_ = user;
    in_mention_ = !self_closing;
  }

  const std::span<const TeamsMention> mentions_;
  TextWriter writer_;
  std::string scratch_;
  std::string href_;
  size_t link_start_ = std::string::npos;
  std::string_view dropping_;  // the tag whose content is being dropped
  bool in_mention_ = false;
  std::string_view mention_user_;           // user of the <at> being read or last closed
  size_t mention_end_ = std::string::npos;  // where the last </at> left the text
};

}  // namespace

void AppendTeamsHtmlText(std::string_view html, std::span<const TeamsMention> mentions,
                         std::string& out) {
  Converter(mentions, out).Run(html);
}

}  // namespace holdfast::engine
