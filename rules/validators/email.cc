// E-mail addresses: the RFC 5321 shape and a top-level domain that exists. The TLD check is
// what separates "jan@example.nl" from "foo@1.2.3" or "config@build.local"; it asks the
// Public Suffix List (libpsl, with Debian's publicsuffix data) rather than a list of our own.
#include <array>
#include <cstddef>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"
#include "rules/validators/psl_handle.h"

namespace holdfast::rules {
namespace {

using validators::IsDigit;
using validators::IsLetter;
using validators::ToLower;

constexpr size_t kMaxLocal = 64;    // RFC 5321 4.5.3.1.1
constexpr size_t kMaxDomain = 253;  // RFC 1035 name length without the root dot
constexpr size_t kMaxLabel = 63;

// Loaded on first use: the newer of the list compiled into libpsl and the distribution's
// file. C++ runs the initializer once even when threads race here; the list is read-only
// afterwards, and libpsl's lookups only read it. Null if neither could be loaded.
const psl_ctx_t* PublicSuffixList() {
  static const validators::PslHandle list(psl_latest(nullptr));
  return list.get();
}

// RFC 5322 dot-atom: the characters a local part may hold without quotes.
bool IsAtext(char c) {
  return IsLetter(c) || IsDigit(c) ||
         std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool ValidLocalPart(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocal || local.front() == '.' || local.back() == '.') {
    return false;
  }
  for (size_t i = 0; i < local.size(); ++i) {
    const char c = local[i];
    if (c == '.' ? local[i - 1] == '.' : !IsAtext(c)) {
      return false;
    }
  }
  return true;
}

// Copies `domain` lower-cased and NUL-terminated into `out` (libpsl wants a C string) and
// checks its labels. Returns the offset of the last label, or 0 if the domain is malformed
// or has a single label.
size_t ReadDomain(std::string_view domain, std::array<char, kMaxDomain + 1>& out) {
  if (domain.empty() || domain.size() > kMaxDomain) {
    return 0;
  }
  size_t label_begin = 0;
  size_t last_label = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      const size_t length = i - label_begin;
      if (length == 0 || length > kMaxLabel || out[label_begin] == '-' || out[i - 1] == '-') {
        return 0;
      }
      last_label = label_begin;
      label_begin = i + 1;
      if (i < domain.size()) {
        out[i] = '.';
      }
      continue;
    }
    const char c = domain[i];
    if (!(IsLetter(c) || IsDigit(c) || c == '-')) {
      return 0;
    }
    out[i] = ToLower(c);
  }
  out[domain.size()] = '\0';
  return last_label;
}

}  // namespace

bool ValidEmail(std::string_view text) {
  if (text.size() > kMaxLocal + 1 + kMaxDomain) {
    return false;
  }
  const size_t at = text.find('@');
  if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos ||
      !ValidLocalPart(text.substr(0, at))) {
    return false;
  }
  std::array<char, kMaxDomain + 1> domain;
  const size_t tld_at = ReadDomain(text.substr(at + 1), domain);
  if (tld_at == 0) {
    return false;
  }
  const psl_ctx_t* list = PublicSuffixList();
  if (list == nullptr) {
    return false;  // cannot tell a real TLD from a typo'd one; say no rather than guess
  }
  // Without PSL_TYPE_NO_STAR_RULE libpsl treats every unknown single label as a TLD.
  const char* tld = domain.data() + tld_at;
  if (psl_is_public_suffix2(list, tld, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 1) {
    return false;
  }
  // "jan@co.uk": the whole domain is a suffix under which people register, not a mailbox's.
  return psl_is_public_suffix2(list, domain.data(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE) != 1;
}

}  // namespace holdfast::rules
