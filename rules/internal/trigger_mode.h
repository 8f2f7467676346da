// How a trigger expression is handed to Hyperscan so that it runs fast and still finds every
// match of its pattern. Hyperscan's UTF-8 mode, and above all UTF-8 with HS_FLAG_CASELESS
// (where [a-z] also means the Kelvin sign and the long s), made the regex triggers of the
// shipped packs run at a third of the rate of the same expressions in byte mode. So:
// - an expression runs in byte mode (no HS_FLAG_UTF8), with every atom that takes one code
//   point of any kind (`.`, a negated class, \S \W \D) widened to take the 1 to 4 bytes of
//   one: it then matches at least what it matched in UTF-8 mode, ending at the same offsets,
//   and RE2 confirms. It stays in UTF-8 mode if it has a class or escape for non-ASCII
//   characters, or a non-ASCII letter that a caseless match would have to fold;
// - in the lexicon view, whose buffer the scanner lowercases, an expression is lowercased
//   and runs without HS_FLAG_CASELESS when lowercasing it cannot change what it matches;
// - in the lexicon view, where white space never repeats, "\s{1,3}" is "\s": the phrase
//   families of the conduct and market packs ran a quarter faster in Hyperscan so.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace holdfast::rules {

// `regex` for byte mode: on valid UTF-8 text it matches every match `regex` has in UTF-8
// mode, at the same offsets, and perhaps more; nullopt if that cannot be done (`caseless`:
// whether it runs with HS_FLAG_CASELESS). "[^)]{0,120}" becomes "[^)]{0,}", "." becomes
// ".{1,4}".
std::optional<std::string> ByteModeRegex(std::string_view regex, bool caseless);

// `regex` with its ASCII letters lowercased wherever they stand for themselves (not in
// escapes, group syntax or property names), so that run without HS_FLAG_CASELESS over
// lowercased text it matches what `regex` matched caselessly; nullopt where that cannot be
// done safely (a range from an upper- to a lowercase letter, \Q...\E, inline flags other
// than (?i), a non-ASCII letter with another case).
std::optional<std::string> LowercaseRegex(std::string_view regex);

// `regex` with each repetition of \s outside a class that may take a single character written
// as one "\s" ("\s{1,3}", "\s+") or "\s?" ("\s{0,2}", "\s*"). On text where no two white
// space characters stand together (a lexicon view) it matches what `regex` matches, at the
// same offsets. A repetition of two or more, which can never match such text, stays.
std::string CollapsedSpaceRegex(std::string_view regex);

// `regex` without the word boundary it ends with ("\bidiots?\b" -> "\bidiots?"), or nullopt
// if it ends with none. Every end offset of `regex` is one of the result's, so a trigger
// without it still finds every match; the scanner's RE2 checks the boundary. Hyperscan spent
// about 7% of both views' time on the shipped packs checking trailing boundaries, which
// added only 1-2% more matches.
std::optional<std::string> WithoutTrailingWordBoundary(std::string_view regex);

}  // namespace holdfast::rules
