#include "engine/hold_query.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace holdfast::engine {

namespace {

constexpr std::string_view kHoldField = "hold:";

bool StartsToken(const std::string& query, size_t at) {
  if (at == 0) {
    return true;
  }
  const char before = query[at - 1];
  return std::isspace(static_cast<unsigned char>(before)) || before == '(' || before == '+' ||
         before == '-';
}

}  // namespace

bool SameHoldName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string QuotedFilterValue(std::string value) {
  std::erase(value, '"');
  return std::string("\"").append(value).append("\"");
}

std::string HoldQuery(const Hold& hold) {
  std::vector<std::string> parts;
  if (!hold.query.empty()) {
    parts.push_back(std::string("(").append(hold.query).append(")"));
  }
  for (const std::string& custodian : hold.custodians) {
    parts.push_back(std::string("author:").append(QuotedFilterValue(custodian)));
  }
  std::string query;
  for (const std::string& part : parts) {
    query += query.empty() ? "" : " OR ";
    query += part;
  }
  return query;
}

tl::expected<std::string, Error> ExpandHolds(const archive::Archive& archive,
                                             const std::string& query) {
  if (query.find(kHoldField) == std::string::npos) {
    return query;  // the common case: no need to read the holds
  }
  auto holds = ActiveHolds(archive);
  if (!holds) {
    return tl::unexpected(holds.error());
  }
  std::string out;
  size_t done = 0;
  for (size_t at = query.find(kHoldField); at != std::string::npos;
       at = query.find(kHoldField, at + 1)) {
    if (at < done || !StartsToken(query, at)) {
      continue;
    }
    size_t begin = at + kHoldField.size();
    size_t end = begin;
    std::string name;
    if (begin < query.size() && query[begin] == '"') {
      end = query.find('"', begin + 1);
      end = end == std::string::npos ? query.size() : end + 1;
      name = query.substr(begin + 1, end - begin - 1 - (query[end - 1] == '"' ? 1 : 0));
    } else {
      while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end])) &&
             query[end] != ')') {
        ++end;
      }
      name = query.substr(begin, end - begin);
    }
    const auto hold = std::find_if(holds->begin(), holds->end(),
                                   [&](const Hold& h) { return SameHoldName(h.name, name); });
    if (hold == holds->end() || HoldQuery(*hold).empty()) {
      continue;  // left as written: the index's hold filter, which nothing sets, finds nothing
    }
    out.append(query, done, at - done);
    out.append("(").append(HoldQuery(*hold)).append(")");
    done = end;
  }
  out.append(query, done, std::string::npos);
  return out;
}

}  // namespace holdfast::engine
