#include "engine/source.h"

#include <system_error>

#include "engine/sources/discord_source.h"
#include "engine/sources/jsonl_source.h"
#include "engine/sources/mattermost_source.h"
#include "engine/sources/slack_source.h"
#include "engine/sources/teams_source.h"
#include "engine/sources/telegram_source.h"
#include "engine/sources/whatsapp_source.h"
#include "engine/sources/yammer_source.h"

namespace holdfast::engine {

namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string DetectFormat(const std::string& path) {
  if (MattermostSource::Detect(path)) {
    return "mattermost";
  }
  // Teams JSONL, JSON files and exports are told apart by their content.
  if (path != "-" && TeamsSource::Recognizes(path)) {
    return "teams";
  }
  if (YammerSource::Detect(path)) {
    return "yammer";
  }
  // One JSON document per chat: DiscordChatExporter names its guild and channel.
  if (DiscordSource::Detect(path)) {
    return "discord";
  }
  if (TelegramSource::Detect(path)) {
    return "telegram";
  }
  if (path == "-" || EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
    return "jsonl";
  }
  if (WhatsAppSource::Detect(path)) {
    return "whatsapp";
  }
  // Any other folder or zip is taken for a Slack export, which says so if it is not one.
  return "slack";
}

// The source class for `format`.
tl::expected<std::unique_ptr<Source>, Error> OpenAs(const std::string& path,
                                                    const std::string& format,
                                                    const SourceOptions& options) {
  if (format == "jsonl") {
    return JsonlSource::Open(path, options);
  }
  if (format == "slack") {
    return SlackSource::Open(path, options);
  }
  if (format == "mattermost") {
    return MattermostSource::Open(path, options);
  }
  if (format == "teams") {
    return TeamsSource::Open(path, options);
  }
  if (format == "yammer") {
    return YammerSource::Open(path, options);
  }
  if (format == "whatsapp") {
    return WhatsAppSource::Open(path, options);
  }
  if (format == "telegram") {
    return TelegramSource::Open(path, options);
  }
  if (format == "discord") {
    return DiscordSource::Open(path, options);
  }
  return tl::unexpected(
      Error{path, 0,
            "unknown format '" + format +
                "' (jsonl, slack, mattermost, teams, yammer, whatsapp, telegram or discord)"});
}

}  // namespace

tl::expected<std::unique_ptr<Source>, Error> OpenSource(const std::string& path,
                                                        const SourceOptions& options) {
  std::error_code ec;
  if (path != "-" && !std::filesystem::exists(path, ec)) {
    return tl::unexpected(Error{path, 0, "no such file or folder"});
  }
  const std::string format = options.format == "auto" ? DetectFormat(path) : options.format;
  auto source = OpenAs(path, format, options);
  if (source) {
    // Every option that can change what the source yields, so that a checkpoint taken with
    // other settings (another --tz gives WhatsApp posts other times, and so other keys) is
    // not taken for this input's.
    (*source)->set_input(
        {path, format,
         "tz=" + options.tz + ";max_line_bytes=" + std::to_string(options.max_line_bytes) +
             ";max_dead_letter_bytes=" + std::to_string(options.max_dead_letter_bytes)});
  }
  return source;
}

}  // namespace holdfast::engine
