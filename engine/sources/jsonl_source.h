// JsonlSource: one JSON object per line, from a file or stdin, in the schema the README
// documents (required "id" and "text"). Each bad line becomes a dead letter naming its line.
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>

#include "engine/line_reader.h"
#include "engine/source.h"

namespace holdfast::engine {

class JsonlSource final : public Source {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return name_; }

 private:
  JsonlSource(std::unique_ptr<LineReader> reader, std::string name, SourceOptions options);
  // Fills item.post from one parsed line; returns the reason when the line is not a post.
  std::string ReadPost(simdjson::dom::element element, Post& post) const;

  std::unique_ptr<LineReader> reader_;
  const std::string name_;
  const SourceOptions options_;
  simdjson::dom::parser parser_;
  std::string line_;
  uint64_t line_number_ = 0;
};

}  // namespace holdfast::engine
