// BareXapian: the archive benchmark's baseline, one Xapian writer with a TermGenerator and
// nothing of Holdfast's around it (no log, no scanning, no signing), indexing the same posts
// with the same kinds of terms, and answering the same word and phrase queries.
// Thread safety: owned.
#pragma once

#include <memory>
#include <string>
#include <tl/expected.hpp>

#include "tools/bench/archive_corpus.h"

namespace holdfast::tools::bench {

class BareXapian {
 public:
  ~BareXapian();
  BareXapian(BareXapian&&) noexcept;
  [[nodiscard]] static tl::expected<BareXapian, std::string> Create(const std::string& dir);

  [[nodiscard]] tl::expected<void, std::string> Add(const BenchPost& post);
  [[nodiscard]] tl::expected<void, std::string> Commit();
  // Reads the top 20 documents for `query`, as a results page does; returns their data bytes.
  [[nodiscard]] tl::expected<size_t, std::string> Search(const std::string& query);

 private:
  struct Impl;
  explicit BareXapian(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::tools::bench
