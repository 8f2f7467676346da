#include "engine/sources/slack_blocks.h"

#include <string_view>

#include "engine/sources/json_fields.h"

namespace holdfast::engine {

namespace {

using simdjson::dom::array;
using simdjson::dom::object;

// Starts a new line unless the text is empty or already ends one.
void BreakLine(std::string& out) {
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
}

void AppendName(std::string& out, const std::unordered_map<std::string, std::string>& map,
                std::string_view id) {
  auto it = map.find(std::string(id));
  out += it == map.end() ? id : std::string_view(it->second);
}

// Calls visit(object) for each object in parent[key]; nothing when that is not an array.
template <typename Visit>
void ForEachObject(object parent, std::string_view key, Visit visit) {
  array items;
  if (parent[key].get_array().get(items) != simdjson::SUCCESS) {
    return;
  }
  for (simdjson::dom::element element : items) {
    object item;
    if (element.get_object().get(item) == simdjson::SUCCESS) {
      visit(item);
    }
  }
}

// One inline element of a rich_text section, list item, quote or preformatted block.
void AppendInline(std::string& out, object element, const SlackNames& names) {
  const std::string_view type = StringField(element, "type");
  if (type == "link") {
    const std::string_view url = StringField(element, "url");
    const std::string_view label = StringField(element, "text");
    if (label.empty() || label == url) {
      out += url;
    } else {
      out.append(label).append(" (").append(url).append(")");
    }
  } else if (type == "user") {
    out += '@';
    AppendName(out, names.users, StringField(element, "user_id"));
  } else if (type == "usergroup") {
    out.append("@").append(StringField(element, "usergroup_id"));
  } else if (type == "channel") {
    out += '#';
    AppendName(out, names.channels, StringField(element, "channel_id"));
  } else if (type == "broadcast") {
    out.append("@").append(StringField(element, "range"));
  } else if (type == "emoji") {
    out.append(":").append(StringField(element, "name")).append(":");
  } else if (type == "date") {
    out += StringField(element, "fallback");
  } else {
    out += StringField(element, "text");  // "text", and unknown types that carry one
  }
}

void AppendInlines(std::string& out, object container, const SlackNames& names) {
  ForEachObject(container, "elements", [&](object element) { AppendInline(out, element, names); });
}

void AppendList(std::string& out, object list, const SlackNames& names) {
  const bool ordered = StringField(list, "style") == "ordered";
  const std::string indent(2 * UintField(list, "indent"), ' ');
  uint64_t number = UintField(list, "offset");
  ForEachObject(list, "elements", [&](object item) {
    BreakLine(out);
    out += indent;
    out += ordered ? std::to_string(++number) + ". " : std::string("- ");
    AppendInlines(out, item, names);
  });
}

void AppendQuote(std::string& out, object quote, const SlackNames& names) {
  std::string quoted;
  AppendInlines(quoted, quote, names);
  BreakLine(out);
  out += "> ";
  for (char c : quoted) {
    out += c;
    if (c == '\n') {
      out += "> ";
    }
  }
}

void AppendRichText(std::string& out, object block, const SlackNames& names) {
  ForEachObject(block, "elements", [&](object part) {
    const std::string_view type = StringField(part, "type");
    if (type == "rich_text_list") {
      AppendList(out, part, names);
    } else if (type == "rich_text_quote") {
      AppendQuote(out, part, names);
    } else {
      BreakLine(out);  // rich_text_section, rich_text_preformatted
      AppendInlines(out, part, names);
    }
  });
}

// A composition text object: {"type": "mrkdwn" | "plain_text", "text": ...}.
void AppendTextObject(std::string& out, object text, const SlackNames& names) {
  const std::string_view value = StringField(text, "text");
  if (value.empty()) {
    return;
  }
  BreakLine(out);
  out += StringField(text, "type") == "mrkdwn" ? RenderSlackText(value, names) : std::string(value);
}

}  // namespace

std::string RenderSlackBlocks(array blocks, const SlackNames& names) {
  std::string out;
  for (simdjson::dom::element element : blocks) {
    object block;
    if (element.get_object().get(block) != simdjson::SUCCESS) {
      continue;
    }
    const std::string_view type = StringField(block, "type");
    if (type == "rich_text") {
      AppendRichText(out, block, names);
    } else if (type == "section" || type == "header") {
      object text;
      if (block["text"].get_object().get(text) == simdjson::SUCCESS) {
        AppendTextObject(out, text, names);
      }
      ForEachObject(block, "fields", [&](object field) { AppendTextObject(out, field, names); });
    } else if (type == "context") {
      // Images in a context block have no "text" and add nothing.
      ForEachObject(block, "elements", [&](object part) { AppendTextObject(out, part, names); });
    }
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();  // a last part that rendered to nothing (a canvas, an image)
  }
  return out;
}

std::string RenderSlackAttachments(array attachments, const SlackNames& names) {
  std::string out;
  auto add_line = [&](std::string_view line) {
    if (!line.empty()) {
      BreakLine(out);
      out += RenderSlackText(line, names);
    }
  };
  for (simdjson::dom::element element : attachments) {
    object attachment;
    if (element.get_object().get(attachment) != simdjson::SUCCESS) {
      continue;
    }
    const size_t before = out.size();
    add_line(StringField(attachment, "pretext"));
    add_line(StringField(attachment, "title"));
    add_line(StringField(attachment, "text"));
    ForEachObject(attachment, "fields", [&](object field) {
      const std::string_view title = StringField(field, "title");
      const std::string_view value = StringField(field, "value");
      add_line(title.empty() || value.empty() ? std::string(title).append(value)
                                              : std::string(title).append(": ").append(value));
    });
    if (out.size() == before) {
      add_line(StringField(attachment, "fallback"));  // the plain form of all of the above
    }
  }
  return out;
}

}  // namespace holdfast::engine
