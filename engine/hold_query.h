// Search by legal hold: `hold:NAME` in a query stands for what the active hold NAME keeps, its
// own query or its custodians' posts. Holds are dynamic (a post ingested after the hold was
// placed is kept if it matches), so the filter is expanded when the query runs rather than
// stored on documents. A name that is not an active hold matches nothing.
// Thread safety: pure functions; the archive is the caller's.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/retention.h"

namespace holdfast::engine {

// A filter value for a query: quoted, without the double quotes a value cannot hold.
std::string QuotedFilterValue(std::string value);

// Whether two hold names are the same hold: names compare ignoring ASCII case.
bool SameHoldName(std::string_view a, std::string_view b);

// The hold as one query: `(its query) OR author:"custodian" OR ...`.
std::string HoldQuery(const Hold& hold);

// `query` with each `hold:NAME` or `hold:"NAME WITH SPACES"` (names compared ignoring case)
// replaced by the active hold's HoldQuery, in parentheses.
[[nodiscard]] tl::expected<std::string, Error> ExpandHolds(const archive::Archive& archive,
                                                           const std::string& query);

}  // namespace holdfast::engine
