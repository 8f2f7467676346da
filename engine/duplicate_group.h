// Duplicate groups for the review queue: a burst of the same post (a chain letter, a bot, a
// copy-paste to ten channels) raises the same flag many times, and one decision should cover
// them all. Flags of one rule on texts that are equal after DuplicateText are one group.
//
// DuplicateText keeps what a reviewer reads and drops what differs between copies of a
// message: ASCII case, runs of white space, the digits of numbers (order numbers, dates,
// counters), web addresses and @-mentions. So exact copies and copies that differ only in
// those are one group ("near duplicates"); any other change of wording is another group.
// Thread safety: functions.
#pragma once

#include <string>
#include <string_view>

namespace holdfast::engine {

// The text as copies of one message share it; see above.
std::string DuplicateText(std::string_view text);

// The group of a flag of `rule` on a post whose DuplicateText is `duplicate_text`: 16 hex
// characters of SHA-256, so the same in every run and archive.
std::string DuplicateGroup(std::string_view rule, std::string_view duplicate_text);

}  // namespace holdfast::engine
