// Renders Slack Block Kit content to plain text, for the messages whose `text` is empty and
// whose words are only in `blocks` (rich text typed in newer clients, app and workflow posts).
//   rich_text   sections inline; lists one item a line ("- " or "1. ", two spaces a level);
//               preformatted as is; quotes with "> " on each line. Elements: text as written,
//               link as "label (url)" or the url, user -> @name, channel -> #name,
//               usergroup -> @id, broadcast -> @here / @channel / @everyone,
//               emoji -> :name:, date -> its fallback, anything else -> its `text` if any.
//   section, header, context
//               their text objects: mrkdwn through RenderSlackText, plain_text as is.
// Other block types (image, divider, actions, ...) add nothing. Top-level parts are
// separated by one newline.
//
// Legacy attachments (integration posts, unfurls) render as their pretext, title, text and
// fields ("title: value"), a line each, or their fallback when they have none of those.
// Thread safety: pure functions.
#pragma once

#include <simdjson.h>

#include <string>

#include "engine/sources/slack_text.h"

namespace holdfast::engine {

std::string RenderSlackBlocks(simdjson::dom::array blocks, const SlackNames& names);
std::string RenderSlackAttachments(simdjson::dom::array attachments, const SlackNames& names);

}  // namespace holdfast::engine
