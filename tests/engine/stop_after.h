// StopAfter: a source for tests that yields the first `limit` items of another and then stops:
// with an Error, as a source does whose file cannot be read on, or, given an exit code, by
// ending the process on the spot, as a crash would. It passes on the input it wraps, so
// checkpoints are taken for that input.
// Thread safety: owned, like any Source.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "engine/source.h"

namespace holdfast::engine {

class StopAfter : public Source {
 public:
  StopAfter(std::unique_ptr<Source> inner, uint64_t limit, int exit_code = -1)
      : inner_(std::move(inner)), limit_(limit), exit_code_(exit_code) {
    set_input(inner_->input());
  }
  tl::expected<bool, Error> Next(SourceItem& item) override {
    if (yielded_ == limit_) {
      if (exit_code_ >= 0) {
        std::_Exit(exit_code_);
      }
      return tl::unexpected(Error{name(), yielded_ + 1, "cut off by the test"});
    }
    ++yielded_;
    return inner_->Next(item);
  }
  SourceProgress progress() const override { return inner_->progress(); }
  const std::string& name() const override { return inner_->name(); }

 private:
  std::unique_ptr<Source> inner_;
  const uint64_t limit_;
  const int exit_code_;
  uint64_t yielded_ = 0;
};

}  // namespace holdfast::engine
