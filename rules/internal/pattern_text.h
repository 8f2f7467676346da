// How policy patterns become regular-expression text that Hyperscan and RE2 both read the
// same way. Both engines run without Unicode classes (\w, \d, \s, \b are ASCII in RE2, and
// Hyperscan's UCP mode rejects \b), so a pattern means the same thing to the prefilter and
// to the confirmation.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/policy.h"

namespace holdfast::rules {

// What \w and \b take for a word character, as RE2 and Hyperscan read them without Unicode
// classes.
bool IsAsciiWordChar(char c);

// A literal as regex text, metacharacters escaped, nothing added: what Hyperscan runs, so that
// literals stay literals in its matcher.
std::string EscapeLiteral(std::string_view literal);

// A literal as a regex: metacharacters escaped, and \b at an end that is an ASCII word
// character so that lexicon entries match whole words ("intern gebruik" not in "internet").
std::string LiteralRegex(std::string_view literal);

// The regex text of one pattern, without case flags (those are per engine).
std::string PatternRegex(const Pattern& pattern);

// RE2 text for a rule's patterns as one alternation, each with its own case sensitivity, with
// ^ and $ at line ends as in Hyperscan's multiline mode.
std::string AlternationRegex(const std::vector<Pattern>& patterns);

// One pattern as its alternative in AlternationRegex, alone: at any start it matches where
// the alternation would if this alternative were the first that matches there.
std::string AlternativeRegex(const Pattern& pattern);

// RE2 text matching any of `words` as a whole word, ignoring case.
std::string WordListRegex(const std::vector<std::string>& words);

// RE2 text matching exactly one of `entries` (to be anchored at both ends), ignoring case.
std::string ExactListRegex(const std::vector<std::string>& entries);

}  // namespace holdfast::rules
