// What every page of the HTML export (html_transcript.h) shares: escaping of whatever the log
// holds, relative URLs of bundle paths, the page's start with its inline CSS, and the facts of
// the export. Pages stand alone (no scripts, nothing fetched) and print well.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "engine/export/export_items.h"

namespace holdfast::engine::html {

// Appends `text` for HTML text and attribute values alike: the five HTML specials as
// references, controls other than tab and line breaks and invalid UTF-8 as U+FFFD, so the page
// is valid UTF-8 whatever the log held.
void Escape(std::string& out, std::string_view text);
std::string Escaped(std::string_view text);

// A relative URL for a bundle path: bytes outside the unreserved set and '/' percent-encoded.
std::string UrlPath(std::string_view path);

// "2024-01-02", the UTC day of `time_us`.
std::string Day(int64_t time_us);

// From <!DOCTYPE html> to <body>, with the title and the inline style sheet.
void AppendPageStart(std::string& out, std::string_view title);

// Who cut the bundle from which archive, at which signed head: the time is the head's own.
void AppendFacts(std::string& out, const ExportContext& context);

// "label value" for each part that is set, " &middot; " between them.
void AppendParts(std::string& out,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> parts);

}  // namespace holdfast::engine::html
