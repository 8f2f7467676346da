// Query parameters as the routes read them: only names a route knows, whole numbers within
// bounds, and pages of at most Limits::max_page_size. A bad parameter is a 400 reply that names
// it and the limit.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "api/internal/routes.h"

namespace holdfast::api {

struct Page {
  uint32_t number = 1;  // 1-based
  uint32_t size = 20;
  uint32_t offset() const { return (number - 1) * size; }
};

constexpr uint32_t kMaxPageNumber = 10'000;

// 400 naming the first parameter that is not in `known`.
[[nodiscard]] tl::expected<void, Reply> OnlyParams(const Request& request,
                                                   std::initializer_list<std::string_view> known);

// The parameter's value; empty when absent.
std::string Param(const Request& request, const std::string& name);

// A whole number in [min, max]; `fallback` when absent; 400 naming the bounds otherwise.
[[nodiscard]] tl::expected<uint32_t, Reply> NumberParam(const Request& request,
                                                        const std::string& name, uint32_t fallback,
                                                        uint32_t min, uint32_t max);

// page (1 to kMaxPageNumber, default 1) and page_size (1 to limits.max_page_size, default 20).
[[nodiscard]] tl::expected<Page, Reply> PageParams(const Request& request, const Limits& limits);

}  // namespace holdfast::api
