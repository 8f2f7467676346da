#include "engine/sources/slack_text.h"

namespace holdfast::engine {

namespace {

void AppendDecoded(std::string& out, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t amp = text.find('&', pos);
    out.append(text.substr(pos, amp - pos));
    if (amp == std::string_view::npos) {
      return;
    }
    const std::string_view rest = text.substr(amp);
    if (rest.starts_with("&lt;")) {
      out.push_back('<');
      pos = amp + 4;
    } else if (rest.starts_with("&gt;")) {
      out.push_back('>');
      pos = amp + 4;
    } else if (rest.starts_with("&amp;")) {
      out.push_back('&');
      pos = amp + 5;
    } else {
      out.push_back('&');
      pos = amp + 1;
    }
  }
}

std::string Lookup(const std::unordered_map<std::string, std::string>& map, std::string_view id) {
  auto it = map.find(std::string(id));
  return it == map.end() ? std::string(id) : it->second;
}

// One <...> token, without the brackets.
void AppendToken(std::string& out, std::string_view token, const SlackNames& names) {
  const size_t bar = token.find('|');
  const std::string_view target = token.substr(0, bar);
  const std::string_view label =
      bar == std::string_view::npos ? std::string_view() : token.substr(bar + 1);
  if (target.starts_with('@')) {
    out += '@';
    if (!label.empty()) {
      AppendDecoded(out, label);
    } else {
      out += Lookup(names.users, target.substr(1));
    }
  } else if (target.starts_with('#')) {
    out += '#';
    if (!label.empty()) {
      AppendDecoded(out, label);
    } else {
      out += Lookup(names.channels, target.substr(1));
    }
  } else if (target.starts_with('!')) {
    if (!label.empty()) {
      AppendDecoded(out, label);  // <!subteam^S1|@team>, <!date^...|fallback>
    } else {
      out += '@';
      out += target.substr(1);  // <!here>, <!channel>, <!everyone>
    }
  } else if (label.empty() || label == target) {
    AppendDecoded(out, target);
  } else if (target.starts_with("mailto:")) {
    AppendDecoded(out, label);
  } else {
    AppendDecoded(out, label);
    out += " (";
    AppendDecoded(out, target);
    out += ')';
  }
}

}  // namespace

std::string RenderSlackText(std::string_view text, const SlackNames& names) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('<', pos);
    const size_t close = open == std::string_view::npos ? open : text.find('>', open);
    if (close == std::string_view::npos) {
      AppendDecoded(out, text.substr(pos));
      break;
    }
    AppendDecoded(out, text.substr(pos, open - pos));
    AppendToken(out, text.substr(open + 1, close - open - 1), names);
    pos = close + 1;
  }
  return out;
}

}  // namespace holdfast::engine
