// The RAII owner of libpsl's list handle. Only rules/validators/ uses libpsl.
#pragma once

#include <libpsl.h>

#include <memory>

namespace holdfast::rules::validators {

// psl_free is a no-op for the list compiled into libpsl, so this owns either kind.
struct PslFree {
  void operator()(psl_ctx_t* list) const { psl_free(list); }
};
using PslHandle = std::unique_ptr<psl_ctx_t, PslFree>;

}  // namespace holdfast::rules::validators
