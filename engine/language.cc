#include "engine/language.h"

#include <array>
#include <cctype>

namespace holdfast::engine {

namespace {

// Frequent words that are common in one language and rare in the other.
constexpr std::array<std::string_view, 24> kDutch = {
    "de",   "het", "een",  "en",  "van", "ik",   "je",  "dat", "niet", "is",    "op",   "te",
    "voor", "met", "maar", "wat", "ook", "naar", "dit", "wij", "jij",  "graag", "even", "nog"};
constexpr std::array<std::string_view, 24> kEnglish = {
    "the",  "a",   "and",  "of",   "i",    "you", "that", "not", "is",     "on",   "to",  "for",
    "with", "but", "what", "also", "this", "we",  "it",   "are", "please", "just", "can", "will"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& words, std::string_view word) {
  for (std::string_view candidate : words) {
    if (candidate == word) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view GuessLanguage(std::string_view text) {
  int dutch = 0;
  int english = 0;
  char word[16];
  size_t length = 0;
  auto finish = [&] {
    if (length > 0 && length < sizeof word) {
      const std::string_view token(word, length);
      dutch += Contains(kDutch, token) ? 1 : 0;
      english += Contains(kEnglish, token) ? 1 : 0;
    }
    length = 0;
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (length < sizeof word) {
        word[length] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      ++length;
    } else {
      finish();
    }
  }
  finish();
  return dutch > english ? "nl" : "en";
}

}  // namespace holdfast::engine
