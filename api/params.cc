#include "api/internal/params.h"

#include <algorithm>
#include <charconv>

namespace holdfast::api {

tl::expected<void, Reply> OnlyParams(const Request& request,
                                     std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string names;
      for (std::string_view allowed : known) {
        names.append(names.empty() ? "" : ", ").append(allowed);
      }
      return tl::unexpected(
          ErrorReply(400, std::string("unknown parameter \"")
                              .append(name)
                              .append("\": this route takes ")
                              .append(names.empty() ? std::string("none") : names)));
    }
  }
  return {};
}

std::string Param(const Request& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

tl::expected<uint32_t, Reply> NumberParam(const Request& request, const std::string& name,
                                          uint32_t fallback, uint32_t min, uint32_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end()) {
    return fallback;
  }
  const std::string& text = it->second;
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return tl::unexpected(ErrorReply(400, std::string(name)
                                              .append(" must be a whole number from ")
                                              .append(std::to_string(min))
                                              .append(" to ")
                                              .append(std::to_string(max))));
  }
  return value;
}

tl::expected<Page, Reply> PageParams(const Request& request, const Limits& limits) {
  auto number = NumberParam(request, "page", 1, 1, kMaxPageNumber);
  if (!number)
    return tl::unexpected(number.error());
  auto size = NumberParam(request, "page_size", std::min<uint32_t>(20, limits.max_page_size), 1,
                          limits.max_page_size);
  if (!size)
    return tl::unexpected(size.error());
  return Page{.number = *number, .size = *size};
}

}  // namespace holdfast::api
