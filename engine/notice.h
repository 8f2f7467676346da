// Notices to the author of a flagged post ("notify the author", a review action): a template
// filled in with the flag, its post and the reviewer. Templates are plain UTF-8 text files,
// DIR/notices/NAME.txt, NAME of lowercase letters, digits and dashes; "default" is built in
// unless DIR/notices/default.txt replaces it. Placeholders: {author}, {channel}, {date} (the
// post's, YYYY-MM-DD UTC), {policy}, {rule}, {category}, {reviewer}; other text is kept as is.
// The rendered notice is recorded with the review (engine/records.h Review::message), so the
// log says what the author was told; delivering it is the chat tool's (an integration reads
// the review records).
// Thread safety: functions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "engine/error.h"
#include "engine/post.h"
#include "engine/records.h"

namespace holdfast::engine {

inline constexpr size_t kMaxNoticeBytes = 4000;

// The template NAME for the archive at `dir`: an error naming the file, or the unknown name.
[[nodiscard]] tl::expected<std::string, Error> LoadNoticeTemplate(const std::filesystem::path& dir,
                                                                  std::string_view name);

std::string RenderNotice(std::string_view notice_template, const Flag& flag, const Post& post,
                         std::string_view reviewer);

}  // namespace holdfast::engine
