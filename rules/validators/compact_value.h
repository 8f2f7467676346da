// CompactValue: the letters and digits of a matched value with the separators between its
// groups removed, upper-cased, in a fixed-size buffer on the stack. Validators of numbers
// and codes start here so they all treat separators alike and never allocate.
// Thread safety: per-thread (a value on the caller's stack).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace holdfast::rules::validators {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
constexpr char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr int DigitValue(char c) { return c - '0'; }

// Separator sets the validators accept between groups.
inline constexpr std::string_view kSpaceDashDot = " -.";
inline constexpr std::string_view kSpaceDashDotSlash = " -./";
inline constexpr std::string_view kSpaceOnly = " ";
inline constexpr std::string_view kNoSeparators = "";

template <size_t kCapacity>
class CompactValue {
 public:
  // Fills the value from `text`. False, leaving the value unusable, if `text` holds a
  // character that is neither an ASCII letter or digit nor in `separators` (so non-ASCII
  // bytes never pass), starts or ends with a separator, has more than kCapacity letters and
  // digits, or has a separator run other than one separator, or one mark padded by single
  // spaces when a space is allowed ("2500 / 5623", "04 . 08": people type both). Stops at the
  // first problem, so a long text costs at most about kCapacity steps.
  bool Parse(std::string_view text, std::string_view separators) {
    size_ = 0;
    groups_ = 0;
    shortest_group_ = 0;
    longest_group_ = 0;
    separator_kinds_ = 0;
    size_t group = 0;
    // The separator run since the last letter or digit: at most one space, then at most one
    // mark (a separator other than a space), then at most one space.
    bool in_run = false;
    bool space_before = false;
    bool mark = false;
    bool space_after = false;
    size_t run_kind = 0;  // the mark of the run, or the space when it has none
    bool at_start = true;
    for (char c : text) {
      if (IsDigit(c) || IsLetter(c)) {
        if (size_ == kCapacity) {
          return false;
        }
        chars_[size_++] = ToUpper(c);
        ++group;
        if (in_run) {
          separator_kinds_ |= 1u << run_kind;
        }
        in_run = space_before = mark = space_after = false;
        at_start = false;
        continue;
      }
      const size_t kind = separators.find(c);
      if (kind == std::string_view::npos || kind >= 32 || at_start) {
        return false;
      }
      bool& slot = c != ' ' ? mark : (mark ? space_after : space_before);
      if (slot || (c != ' ' && space_after)) {
        return false;
      }
      slot = true;
      if (c != ' ' || !mark) {
        run_kind = kind;
      }
      if (!in_run) {
        EndGroup(group);
        group = 0;
        in_run = true;
      }
    }
    if (in_run || at_start) {  // empty, or ends with a separator
      return false;
    }
    EndGroup(group);
    return true;
  }

  std::string_view view() const { return {chars_.data(), size_}; }
  size_t size() const { return size_; }
  char operator[](size_t i) const { return chars_[i]; }

  // Runs of letters and digits between separators; 1 when written as one run.
  size_t groups() const { return groups_; }
  size_t shortest_group() const { return shortest_group_; }
  size_t longest_group() const { return longest_group_; }
  // How many different separators the text used: 0 for none, 1 for one kind throughout. A
  // mark padded with spaces (" / ") counts as the mark.
  int separator_kinds() const { return std::popcount(separator_kinds_); }

  bool AllDigits(size_t begin, size_t end) const {
    for (size_t i = begin; i < end; ++i) {
      if (!IsDigit(chars_[i])) {
        return false;
      }
    }
    return true;
  }
  bool AllDigits() const { return AllDigits(0, size_); }

  // The number formed by the digits in [begin, end). REQUIRES: AllDigits(begin, end) and
  // end - begin <= 18.
  long long Number(size_t begin, size_t end) const {
    long long value = 0;
    for (size_t i = begin; i < end; ++i) {
      value = value * 10 + DigitValue(chars_[i]);
    }
    return value;
  }

 private:
  void EndGroup(size_t group) {
    shortest_group_ = groups_ == 0 || group < shortest_group_ ? group : shortest_group_;
    longest_group_ = group > longest_group_ ? group : longest_group_;
    ++groups_;
  }

  std::array<char, kCapacity> chars_{};
  size_t size_ = 0;
  size_t groups_ = 0;
  size_t shortest_group_ = 0;
  size_t longest_group_ = 0;
  uint32_t separator_kinds_ = 0;  // bit i: separators[i] was used
};

}  // namespace holdfast::rules::validators
