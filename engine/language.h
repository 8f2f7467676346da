// A cheap guess at a post's language from common function words, enough to pick the
// stemmer: "nl" for Dutch, "en" otherwise. Thread safety: pure function.
#pragma once

#include <string_view>

namespace holdfast::engine {

std::string_view GuessLanguage(std::string_view text);

}  // namespace holdfast::engine
