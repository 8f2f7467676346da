// TEMPORARY STUB of AddCodenames, deleted at merge with the real one from rules/policy.h.
// It adds nothing, so until then ip.codename is scored only on what the loaded policies hold.
#include "rules/codenames.h"

namespace holdfast::rules {

tl::expected<void, Error> AddCodenames(std::vector<Policy>& /*policies*/,
                                       const std::filesystem::path& /*terms*/) {
  return {};
}

}  // namespace holdfast::rules
