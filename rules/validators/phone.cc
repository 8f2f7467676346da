// Phone numbers of the Netherlands, Belgium, Germany and the United Kingdom. A number is read
// once into its digits and the way they were grouped; the grouping rules out dates and
// amounts, and the digits after the country code or trunk 0 (the national significant
// number) must have a length the country's numbering plan uses.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::DigitValue;
using validators::IsDigit;

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kMaxDigits = 20;
constexpr size_t kMaxGroups = 12;

// A phone number as written: its digits, and the runs of digits between separators and
// parentheses.
struct WrittenNumber {
  std::array<char, kMaxDigits> digits{};
  size_t size = 0;
  bool plus = false;
  size_t paren_begin = kNone;  // digit offsets of the one parenthesized run
  size_t paren_end = kNone;
  std::array<size_t, kMaxGroups> group_end{};  // digit offset where each run ends
  size_t groups = 0;
  char last_boundary = '\0';  // the separator or parenthesis before the last run
  int dots = 0;
  uint32_t separator_kinds = 0;

  std::string_view view() const { return {digits.data(), size}; }
  size_t GroupBegin(size_t k) const { return k == 0 ? 0 : group_end[k - 1]; }
  size_t GroupSize(size_t k) const { return group_end[k] - GroupBegin(k); }
  int GroupValue(size_t k) const {
    int value = 0;
    for (size_t i = GroupBegin(k); i < group_end[k]; ++i) {
      value = value * 10 + DigitValue(digits[i]);
    }
    return value;
  }
};

constexpr std::string_view kSeparators = " -./";

// Reads `text`; false if it holds anything but digits, a leading '+', separators between
// digits and one pair of parentheses around 1..5 digits.
bool Read(std::string_view text, WrittenNumber& number) {
  enum class Prev { kStart, kDigit, kSeparator, kOpen, kClose };
  Prev prev = Prev::kStart;
  size_t i = 0;
  if (!text.empty() && text[0] == '+') {
    number.plus = true;
    i = 1;
  }
  size_t run = 0;
  auto end_run = [&number, &run]() {
    if (run == 0) {
      return true;
    }
    if (number.groups == kMaxGroups) {
      return false;
    }
    number.group_end[number.groups++] = number.size;
    run = 0;
    return true;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      if (number.size == kMaxDigits) {
        return false;
      }
      number.digits[number.size++] = c;
      ++run;
      prev = Prev::kDigit;
    } else if (c == '(') {
      if (number.paren_begin != kNone || prev == Prev::kOpen ||
          (prev == Prev::kStart && number.plus) || !end_run()) {
        return false;
      }
      number.paren_begin = number.size;
      number.last_boundary = c;
      prev = Prev::kOpen;
    } else if (c == ')') {
      if (prev != Prev::kDigit || number.paren_begin == kNone || number.paren_end != kNone ||
          number.size - number.paren_begin > 5 || !end_run()) {
        return false;
      }
      number.paren_end = number.size;
      number.last_boundary = c;
      prev = Prev::kClose;
    } else if (const size_t kind = kSeparators.find(c); kind != std::string_view::npos) {
      const bool in_parens = number.paren_begin != kNone && number.paren_end == kNone;
      if (prev == Prev::kStart || prev == Prev::kSeparator || prev == Prev::kOpen || in_parens ||
          !end_run()) {
        return false;
      }
      number.separator_kinds |= 1u << kind;
      number.dots += c == '.' ? 1 : 0;
      number.last_boundary = c;
      prev = Prev::kSeparator;
    } else {
      return false;
    }
  }
  return prev == Prev::kDigit && end_run();
}

// 2024-03-04, 04.03.2024, 4/3/24: three runs joined by one kind of separator that read as a
// date (either day-month or month-day order).
bool LooksLikeDate(const WrittenNumber& number) {
  const size_t kind = kSeparators.find(number.last_boundary);
  if (number.groups != 3 || number.plus || number.paren_begin != kNone ||
      kind == std::string_view::npos || number.last_boundary == ' ' ||
      number.separator_kinds != (1u << kind)) {
    return false;
  }
  const size_t a = number.GroupSize(0);
  const size_t b = number.GroupSize(1);
  const size_t c = number.GroupSize(2);
  const int x = number.GroupValue(0);
  const int y = number.GroupValue(1);
  const int z = number.GroupValue(2);
  auto day_month = [](int day, int month) {
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
  };
  if (a == 4 && b <= 2 && c <= 2) {
    return x >= 1900 && x <= 2099 && day_month(z, y);
  }
  return a <= 2 && b <= 2 && (c == 2 || c == 4) && (day_month(x, y) || day_month(y, x));
}

// 0612345.50: a single dot followed by at most two digits at the end reads as cents.
bool LooksLikeAmount(const WrittenNumber& number) {
  return number.dots == 1 && number.last_boundary == '.' &&
         number.GroupSize(number.groups - 1) <= 2;
}

// 666666666 or 123456789: a placeholder someone typed, not a number anyone was given.
bool LooksMadeUp(std::string_view nsn) {
  bool same = true;
  bool ascending = true;
  for (size_t i = 1; i < nsn.size(); ++i) {
    same = same && nsn[i] == nsn[0];
    ascending = ascending && nsn[i] == nsn[i - 1] + 1;
  }
  return same || ascending;
}

// The national significant number (after the trunk 0 or country code) per numbering plan.
bool FitsNl(std::string_view nsn) { return nsn.size() == 9; }  // 06 mobiles included
bool FitsBe(std::string_view nsn) {
  // Eight digits for area-code numbers (04 is Liège); mobiles 045x-049x have nine.
  return nsn.size() == 8 || (nsn.size() == 9 && nsn[0] == '4' && nsn[1] >= '5');
}
bool FitsDe(std::string_view nsn) {
  if (nsn[0] == '1') {  // mobiles 015x, 016x, 017x; other 01 ranges are services
    return nsn.size() >= 10 && nsn.size() <= 11 && nsn[1] >= '5' && nsn[1] <= '7';
  }
  return nsn.size() >= 6 && nsn.size() <= 11;
}
bool FitsUk(std::string_view nsn) {
  return nsn.size() == 10 && std::string_view("1235789").find(nsn[0]) != std::string_view::npos;
}

enum Country : unsigned { kNl = 1, kBe = 2, kDe = 4, kUk = 8, kAllCountries = 15 };

struct Plan {
  Country country;
  std::string_view code;
  bool (*fits)(std::string_view nsn);
};

constexpr std::array<Plan, 4> kPlans = {{
    {kNl, "31", &FitsNl},
    {kBe, "32", &FitsBe},
    {kDe, "49", &FitsDe},
    {kUk, "44", &FitsUk},
}};

bool NsnFits(std::string_view nsn, const Plan& plan) {
  return !nsn.empty() && nsn[0] != '0' && !LooksMadeUp(nsn) && plan.fits(nsn);
}

bool ValidIn(std::string_view text, unsigned countries) {
  if (text.empty() || text.size() > 40) {
    return false;
  }
  WrittenNumber number;
  if (!Read(text, number) || LooksLikeDate(number) || LooksLikeAmount(number)) {
    return false;
  }
  const std::string_view digits = number.view();
  if (!number.plus && !digits.starts_with("00")) {
    // National form: a trunk 0, parentheses only around the area code including that 0.
    if (!digits.starts_with("0") || (number.paren_begin != kNone && number.paren_begin != 0)) {
      return false;
    }
    for (const Plan& plan : kPlans) {
      if ((countries & plan.country) != 0 && NsnFits(digits.substr(1), plan)) {
        return true;
      }
    }
    return false;
  }
  const size_t code_at = number.plus ? 0 : 2;
  for (const Plan& plan : kPlans) {
    if ((countries & plan.country) == 0 || digits.substr(code_at, 2) != plan.code) {
      continue;
    }
    size_t nsn_at = code_at + 2;
    if (number.paren_begin != kNone && number.paren_begin < nsn_at) {
      return false;  // parentheses around the country code
    }
    // "+31 (0)20 ...": the trunk 0 shown for domestic callers, not dialled from abroad.
    if (number.paren_begin == nsn_at && number.paren_end == nsn_at + 1 && digits[nsn_at] == '0') {
      ++nsn_at;
    }
    return NsnFits(digits.substr(nsn_at), plan);
  }
  return false;
}

}  // namespace

bool ValidPhone(std::string_view text) { return ValidIn(text, kAllCountries); }
bool ValidPhoneNl(std::string_view text) { return ValidIn(text, kNl); }
bool ValidPhoneBe(std::string_view text) { return ValidIn(text, kBe); }
bool ValidPhoneDe(std::string_view text) { return ValidIn(text, kDe); }
bool ValidPhoneUk(std::string_view text) { return ValidIn(text, kUk); }

}  // namespace holdfast::rules
