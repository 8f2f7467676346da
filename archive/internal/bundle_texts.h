// The files every evidence bundle carries for a recipient who will not run Holdfast:
// VERIFY.md and verify_bundle.py, compiled in from archive/bundle_files/.
// Thread safety: constants.
#pragma once

#include <string_view>

namespace holdfast::archive::internal {

std::string_view BundleVerifyDoc();
std::string_view BundleVerifyScript();

}  // namespace holdfast::archive::internal
