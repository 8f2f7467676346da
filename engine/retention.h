// Legal holds and retention rules: what must be kept, and for how long. Both are log records
// (archive::RecordType::kHold, kRetention), appended and signed like posts, so the archive
// itself shows who placed or released a hold or changed a period, and when. The state in force
// is the latest record of each name.
//
// A hold keeps posts from erasure while it is active: the posts its query finds (every version)
// and the posts of its custodians (author ids or names). A retention rule says how many days
// posts of a source and/or community are kept; `holdfast erase --expired` erases older ones not
// under a hold. A rule with keep_days 0 is retired.
// Thread safety: values and functions; the archive is the caller's.
#pragma once

#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

struct Hold {
  std::string name;                     // the case, e.g. "Acme v. Holdfast"
  bool active = true;                   // false: this record releases the hold
  std::string query;                    // a search query (archive/index.h); "" for none
  std::vector<std::string> custodians;  // author ids or names
  std::string actor;                    // who placed or released it
  std::string reason;
  int64_t time_us = 0;    // when (the record's capture time when read back)
  uint64_t sequence = 0;  // its record, when read back
};

struct RetentionRule {
  std::string name;
  uint32_t keep_days = 0;  // posts older than this many days expire; 0 retires the rule
  std::string source;      // "" for every source
  std::string community;   // channel id or name; "" for every community
  std::string actor;
  int64_t time_us = 0;
  uint64_t sequence = 0;
};

// The records to append; the key makes each one unique in the log.
archive::Record HoldRecord(const Hold& hold, uint64_t log_size);
archive::Record RetentionRecord(const RetentionRule& rule, uint64_t log_size);

// Every hold record, oldest first, and the holds in force now.
[[nodiscard]] tl::expected<std::vector<Hold>, Error> HoldHistory(const archive::Archive& archive);
[[nodiscard]] tl::expected<std::vector<Hold>, Error> ActiveHolds(const archive::Archive& archive);
// The retention rules in force (keep_days > 0), by name.
[[nodiscard]] tl::expected<std::vector<RetentionRule>, Error> RetentionRules(
    const archive::Archive& archive);

// Checks a hold or rule before it is appended: a name, a scope, no placing a hold twice.
[[nodiscard]] tl::expected<void, Error> CheckHold(const archive::Archive& archive,
                                                  const Hold& hold);
[[nodiscard]] tl::expected<void, Error> CheckRetentionRule(const RetentionRule& rule);

}  // namespace holdfast::engine
