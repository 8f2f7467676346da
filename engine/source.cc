#include "engine/source.h"

#include <system_error>

#include "engine/sources/jsonl_source.h"
#include "engine/sources/slack_source.h"
#include "engine/sources/whatsapp_source.h"

namespace holdfast::engine {

namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string DetectFormat(const std::string& path) {
  if (path == "-" || EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
    return "jsonl";
  }
  if (WhatsAppSource::Detect(path)) {
    return "whatsapp";
  }
  // Other folders and zips are tool exports; Slack's is the one left.
  return "slack";
}

}  // namespace

tl::expected<std::unique_ptr<Source>, Error> OpenSource(const std::string& path,
                                                        const SourceOptions& options) {
  std::error_code ec;
  if (path != "-" && !std::filesystem::exists(path, ec)) {
    return tl::unexpected(Error{path, 0, "no such file or folder"});
  }
  const std::string format = options.format == "auto" ? DetectFormat(path) : options.format;
  if (format == "jsonl") {
    return JsonlSource::Open(path, options);
  }
  if (format == "slack") {
    return SlackSource::Open(path, options);
  }
  if (format == "whatsapp") {
    return WhatsAppSource::Open(path, options);
  }
  return tl::unexpected(
      Error{path, 0, "unknown format '" + format + "' (jsonl, slack or whatsapp)"});
}

}  // namespace holdfast::engine
