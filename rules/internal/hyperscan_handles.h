// RAII owners for Hyperscan's C handles. Every Hyperscan object the rules component holds
// goes through one of these, so no path can leak or double-free a handle.
// Thread safety: as the handle they own (a database is immutable; a scratch is per-thread).
#pragma once

#include <hs/hs.h>

#include <cstdlib>
#include <memory>

namespace holdfast::rules {

struct HsDatabaseDeleter {
  void operator()(hs_database_t* database) const noexcept { hs_free_database(database); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;

struct HsScratchDeleter {
  void operator()(hs_scratch_t* scratch) const noexcept { hs_free_scratch(scratch); }
};
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;

struct HsCompileErrorDeleter {
  void operator()(hs_compile_error_t* error) const noexcept { hs_free_compile_error(error); }
};
using HsCompileError = std::unique_ptr<hs_compile_error_t, HsCompileErrorDeleter>;

// hs_expression_info allocates with Hyperscan's misc allocator, which is malloc unless
// hs_set_allocator was called (Holdfast never calls it).
struct HsExpressionInfoDeleter {
  void operator()(hs_expr_info_t* info) const noexcept { std::free(info); }
};
using HsExpressionInfo = std::unique_ptr<hs_expr_info_t, HsExpressionInfoDeleter>;

}  // namespace holdfast::rules
