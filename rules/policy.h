// Policies as data: the in-memory form of one policy file, and the loader that reads it.
//
// A policy file is YAML:
//   id: pii-nl                   # unique over all loaded policies
//   name: Dutch personal data
//   severity: high               # low | medium | high | critical (default medium)
//   action: flag                 # flag | flag+notify | redact-in-index (default flag)
//   min_confidence: medium       # hits below this raise no flag (default medium)
//   scope:                       # optional; where the policy applies (default everywhere)
//     sources: [slack, teams]    #   post sources; absent = all
//     communities: [C024BE91L]   #   channels/teams/groups; absent = all
//   exceptions:                  # optional; posts where (some of) its rules do not apply
//     - {community: payroll, rules: [pii.iban]}   # any of source/community/author; all given
//     - {author: U0HRBOT}                          # must match; no `rules` = every rule
//   allow: ['NL91ABNA0417164300', {regex: '^0{9}$'}]  # optional; hit values never flagged
//   rules:
//     - id: pii.nl_bsn           # unique over all loaded policies
//       category: pii.nl_bsn     # one of Categories(); see README for the list
//       view: text               # text (default) | lexicon; see below
//       patterns:
//         - regex: '\b\d{9}\b'
//         - literal: 'CONFIDENTIAL'
//           case_insensitive: false           # default true
//         - regex: '[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,24}'
//           trigger: {regex: '[A-Z0-9]@[A-Z0-9]', before: 64, after: 255}
//       validator: nl_bsn        # optional; a name from ValidatorNames()
//       length: {min: 20, max: 64}  # optional; characters the value must have (either bound
//                                # may be left out), so that a pattern can say {19,} or `+`
//                                # where a bounded repeat such as {19,63} would slow RE2 down
//       confidence: low          # confidence of a confirmed hit without evidence (default
//                                # medium)
//       evidence:                # optional; each entry that holds raises the hit to its level
//         - {words: [bsn, burgerservicenummer], window: 40, confidence: high}
//         - {rule: pii.nl_postcode, window: 30, confidence: high}
//       unless:                  # optional; any entry that holds drops the hit (a mention,
//         - {words: [voorbeeld, example], window: 30}  # not a use)
//         - {regex: 'killing (?:me|it)\b', window: 12}
//       allow: ['123456782', {regex: '^9{9}$'}]   # optional; hit values never flagged
//       examples: {match: [...], no_match: [...]}  # each list needs at least 3 entries
//
// How a hit is found and kept, in order:
// 1. Trigger: Hyperscan runs every pattern (or its `trigger` instead) over the post. A
//    literal runs without its word boundaries; a pattern's trigger says where its match
//    may lie: from `before` bytes before the trigger's end to `after` bytes after it. A
//    pattern without a trigger lies within its own longest match before its end.
// 2. Confirmation: RE2 runs the rule's patterns only in those windows. A literal matches
//    whole words only. If the pattern has a capturing group, the first group that took
//    part is the hit's value and span (e.g. the password after "password:"); otherwise the
//    whole match is.
// 3. Checks on the value: the validator; the rule's `length`; for personal data and secrets
//    (pii.* and secret.* categories) the built-in placeholder filter (EXAMPLE, xxxx,
//    <your-token>, ${VAR}, ********, masked values, "..."); the rule's and the policy's
//    allow-list (a literal equals the whole value ignoring case; a regex must match it,
//    unanchored unless it says ^ or $).
// 4. Context: `unless` entries drop the hit; `evidence` entries raise its confidence. Words
//    (whole words, any case) or a regex count when they lie within `window` characters
//    before the hit's start or after its end; a rule counts when one of its confirmed hits
//    lies within that distance. Confidence never falls: the hit keeps the highest level
//    any evidence gives.
// 5. Policy: hits below `min_confidence`, outside `scope` or under an exception are dropped.
//
// Views: every rule scans a normalized view of the text, and spans map back to the
// original bytes. The `text` view is NFKC with zero-width, soft-hyphen and bidi controls
// removed, every space character as an ASCII space, and Cyrillic and Greek look-alikes as
// Latin letters; case is kept, so case-sensitive patterns (keys, tokens) still work. The
// `lexicon` view is the text view case-folded, with leetspeak folded in tokens that hold a
// letter ("wh4tsapp", never "2024") and letters written apart joined ("W h a t s A p p").
// Word lists (profanity, off-channel phrases, codenames) use the lexicon view.
//
// `^` and `$` mean start and end of a line in every pattern.
// Thread safety: immutable values.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"

namespace holdfast::rules {

enum class Severity { kLow, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity severity);

enum class Confidence { kLow, kMedium, kHigh };
std::string_view ConfidenceName(Confidence confidence);
std::optional<Confidence> ParseConfidence(std::string_view name);

// What a flag of the policy asks of the rest of the system.
enum class Action {
  kFlag,           // raise a flag for review
  kFlagNotify,     // raise a flag and tell the policy's reviewers at once
  kRedactInIndex,  // raise a flag and keep the hit's text out of the search index
};
std::string_view ActionName(Action action);

enum class View { kText, kLexicon };

// Runs a regex over a different text than the pattern's own, e.g. the `@` of an address.
struct Trigger {
  std::string regex;
  int before = 0;  // bytes before the trigger's end where the match may start
  int after = 0;   // bytes after the trigger's end where the match may end
};

struct Pattern {
  std::string text;
  bool regex = false;            // false: a literal string, matched as whole words
  bool case_insensitive = true;  // default on: chat is written in every case
  std::optional<Trigger> trigger;
};

// An allow-list entry: a literal equal to the whole value (any case), or a regex.
struct AllowEntry {
  std::string text;
  bool regex = false;
};

// Text near a hit: any of `words` (whole words, any case), a `regex`, or a hit of `rule`,
// within `window` characters of it. Exactly one of words, regex and rule is set.
struct ContextCheck {
  std::vector<std::string> words;
  std::string regex;
  std::string rule;
  int window = 0;
  Confidence confidence = Confidence::kHigh;  // evidence only: the level it raises to
  int line = 0;
};

struct Rule {
  std::string id;
  std::string category;  // one of Categories()
  View view = View::kText;
  std::vector<Pattern> patterns;
  std::string validator;  // "" or a name from ValidatorNames()
  // Characters (code points) the value must have; 0 = no bound. RE2 builds DFA states for
  // each count of a bounded repeat it may be in, so on new values (a secret is one) a pattern
  // with `[A-Za-z0-9]{19,63}` runs dozens of times slower than `{19,}` with a max length.
  int min_length = 0;
  int max_length = 0;
  Confidence confidence = Confidence::kMedium;
  std::vector<ContextCheck> evidence;
  std::vector<ContextCheck> unless;
  std::vector<AllowEntry> allow;
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  int line = 0;  // line of the rule in its policy file
};

// Where a policy applies, or where it is excused. Empty lists match everything.
struct Scope {
  std::vector<std::string> sources;
  std::vector<std::string> communities;
};

struct Exception {
  std::string source;              // "" = any
  std::string community;           // "" = any
  std::string author;              // "" = any
  std::vector<std::string> rules;  // empty = every rule of the policy
  int line = 0;
};

struct Policy {
  std::string id;
  std::string name;
  Severity severity = Severity::kMedium;
  Action action = Action::kFlag;
  Confidence min_confidence = Confidence::kMedium;
  // The share of this policy's flags that go to the review queue, in percent (YAML
  // `review_sample: 10`, 0 to 100): supervision by sampling, as FINRA rule 3110 allows for
  // high-volume, low-risk policies. Every flag is still recorded; the rest are kept out of the
  // queue. Which flags are sampled follows from the flag id alone, so a re-run or an auditor
  // picks the same ones (engine/review_queue.h).
  double review_sample = 100;
  Scope scope;
  std::vector<Exception> exceptions;
  std::vector<AllowEntry> allow;
  std::string file;  // where it was loaded from
  std::vector<Rule> rules;
};

// The fixed category taxonomy every rule reports under (see README).
const std::vector<std::string_view>& Categories();

// Reads one policy file. Errors name the file, the line and the rule.
[[nodiscard]] tl::expected<Policy, Error> LoadPolicyFile(const std::filesystem::path& file);

// Reads policy files and folders (every *.yaml / *.yml in a folder, in name order).
// Fails on the first bad file, or on a policy or rule id used twice.
[[nodiscard]] tl::expected<std::vector<Policy>, Error> LoadPolicies(
    const std::vector<std::filesystem::path>& paths);

// Adds `terms` (one codename a line; blank lines and lines starting with # skipped) as
// literal patterns of every rule of category `ip.codename` in `policies`. Errors name the
// file and line of a bad term (e.g. over 200 bytes). Fails if no such rule is loaded.
[[nodiscard]] tl::expected<void, Error> AddCodenames(std::vector<Policy>& policies,
                                                     const std::filesystem::path& terms);

}  // namespace holdfast::rules
