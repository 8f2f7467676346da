// The byte classes that FoldTokens and the checks before it (fold_check.cc) read: one table
// lookup tells whether an ASCII byte is a letter, a digit, leetspeak, a separator of letters
// written apart, white space; every byte of a non-ASCII code point is kNonAscii.
#pragma once

#include <array>
#include <cstdint>

namespace holdfast::rules::token_classes {

enum Class : uint8_t {
  kLetter = 1,     // an ASCII letter
  kDigit = 2,      // 0-9
  kLeet = 4,       // may stand for a letter: 0 1 3 4 5 7 @ $ ! |
  kSeparator = 8,  // may stand between letters written apart: space . - _ * /
  kWord = 16,      // an ASCII byte that is part of a token: letters, digits, @ $ ! |
  kNonAscii = 32,  // part of a code point beyond ASCII; whether a letter takes ICU to tell
  kSymbol = 64,    // @ $ ! |: leetspeak, or punctuation at a token's edge
  kSpace = 128,    // white space: space \t \n \v \f \r (runs of it become one character)
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 'a'; c <= 'z'; ++c) {
    classes[c] = classes[c - 'a' + 'A'] = kLetter | kWord;
  }
  for (int c = '0'; c <= '9'; ++c) {
    classes[c] = kDigit | kWord;
  }
  for (const unsigned char c : {'0', '1', '3', '4', '5', '7'}) {
    classes[c] |= kLeet;
  }
  for (const unsigned char c : {'@', '$', '!', '|'}) {
    classes[c] = kLeet | kWord | kSymbol;
  }
  for (const unsigned char c : {' ', '.', '-', '_', '*', '/'}) {
    classes[c] = kSeparator;
  }
  for (const unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
    classes[c] |= kSpace;
  }
  for (int c = 0x80; c < 0x100; ++c) {
    classes[c] = kNonAscii;
  }
  return classes;
}

inline constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

}  // namespace holdfast::rules::token_classes
