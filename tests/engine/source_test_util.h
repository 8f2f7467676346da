// Reads every item of a source into posts and dead letters, for source tests.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "engine/source.h"

namespace holdfast::testing {

struct Drained {
  std::vector<engine::Post> posts;
  std::vector<engine::DeadLetter> dead_letters;
};

inline Drained Drain(engine::Source& source) {
  Drained out;
  engine::SourceItem item;
  for (;;) {
    auto more = source.Next(item);
    EXPECT_TRUE(more.has_value()) << (more ? "" : more.error().ToString());
    if (!more || !*more)
      break;
    if (item.is_post) {
      out.posts.push_back(item.post);
    } else {
      out.dead_letters.push_back(item.dead_letter);
    }
  }
  return out;
}

inline Drained Open(const std::string& path, engine::SourceOptions options = {}) {
  auto source = engine::OpenSource(path, options);
  EXPECT_TRUE(source.has_value()) << (source ? "" : source.error().ToString());
  if (!source)
    return {};
  return Drain(**source);
}

}  // namespace holdfast::testing
