// Renders Slack's message markup to readable text: <@U123> -> @Name, <#C123|general> ->
// #general, <https://x|label> -> label (https://x), <!here> -> @here, and decodes the three
// entities Slack escapes (&lt; &gt; &amp;).
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace holdfast::engine {

struct SlackNames {
  std::unordered_map<std::string, std::string> users;     // user id -> display name
  std::unordered_map<std::string, std::string> channels;  // channel id -> name
};

std::string RenderSlackText(std::string_view text, const SlackNames& names);

}  // namespace holdfast::engine
