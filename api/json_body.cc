#include "api/internal/json_body.h"

namespace holdfast::api {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

tl::expected<json, Reply> ParseBody(const std::string& body,
                                    std::initializer_list<std::string_view> known) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return tl::unexpected(ErrorReply(400, "the body must be a JSON object"));
  }
  for (const auto& [name, value] : parsed.items()) {
    bool found = false;
    for (std::string_view allowed : known) {
      found = found || allowed == name;
    }
    if (!found) {
      return tl::unexpected(ErrorReply(400, std::string("unknown field \"").append(name) + "\""));
    }
  }
  return parsed;
}

tl::expected<std::string, Reply> StringField(const json& body, const char* name, size_t max) {
  auto it = body.find(name);
  if (it == body.end()) {
    return std::string();
  }
  if (!it->is_string() || it->get_ref<const std::string&>().size() > max) {
    return tl::unexpected(ErrorReply(400, std::string(name)
                                              .append(" must be a string of at most ")
                                              .append(std::to_string(max))
                                              .append(" bytes")));
  }
  return it->get<std::string>();
}

tl::expected<std::vector<std::string>, Reply> StringList(const json& body, const char* name,
                                                         size_t max_items, size_t max_bytes) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end()) {
    return out;
  }
  const Reply bad = ErrorReply(400, std::string(name)
                                        .append(" must be a list of at most ")
                                        .append(std::to_string(max_items))
                                        .append(" non-empty strings of at most ")
                                        .append(std::to_string(max_bytes))
                                        .append(" bytes"));
  if (!it->is_array() || it->size() > max_items) {
    return tl::unexpected(bad);
  }
  for (const json& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty() ||
        item.get_ref<const std::string&>().size() > max_bytes) {
      return tl::unexpected(bad);
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace holdfast::api
