#include "engine/json_views.h"

#include <nlohmann/json.hpp>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The index stores neither the key, the post id nor the time in a hit's data: the hit carries
// them.
json HitData(const archive::SearchHit& hit) {
  json data = json::parse(hit.data, nullptr, false);
  if (data.is_discarded() || !data.is_object())
    data = json::object();
  data["key"] = hit.key;
  data["post"] = hit.post;
  data["time"] = FormatRfc3339(hit.time_us);
  return data;
}

}  // namespace

std::string HitDataJson(const archive::SearchHit& hit) { return Dump(HitData(hit)); }

std::string FlagJson(const FlagStatus& status, const Post& post, const FlagView& view) {
  const Flag& flag = status.flag;
  json out = {{"flag_id", flag.flag_id},
              {"state", status.state},
              {"group", flag.group},
              {"assignee", status.assignee},
              {"tags", status.tags},
              {"policy", flag.policy},
              {"rule", flag.rule},
              {"category", flag.category},
              {"severity", flag.severity},
              {"span", {{"begin", flag.begin}, {"end", flag.end}}},
              {"match", flag.match},
              {"post",
               {{"key", flag.post_key},
                {"time", FormatRfc3339(post.created_us)},
                {"source", post.source},
                {"channel", post.community_name},
                {"author", post.author_name},
                {"author_id", post.author_id},
                {"text", post.text}}}};
  if (view.author_pseudonym) {
    out["post"]["author"] = *view.author_pseudonym;
    out["post"]["author_id"] = *view.author_pseudonym;
    out["post"]["pseudonymised"] = true;
  }
  if (!view.content) {
    out.erase("match");
    for (const char* field : {"text", "author", "author_id"}) {
      out["post"].erase(field);
    }
  }
  if (view.group_size) {
    out["group_size"] = *view.group_size;
  }
  return Dump(out);
}

std::string SearchHitJson(const archive::SearchHit& hit) {
  json data = HitData(hit);
  data["seq"] = hit.sequence;
  data["snippet"] = hit.snippet;
  return Dump(data);
}

std::string FacetsJson(const std::vector<archive::Facet>& facets) {
  json out = json::object();
  for (const archive::Facet& facet : facets) {
    json counts = json::array();
    for (const archive::FacetCount& count : facet.counts) {
      counts.push_back({{"value", count.value}, {"count", count.count}});
    }
    out[facet.field] = std::move(counts);
  }
  return Dump(out);
}

namespace {

json ContextPostJson(const ContextPost& post) {
  json data = HitData(post.hit);
  data["seq"] = post.hit.sequence;
  data["text"] = post.post.text;
  return data;
}

}  // namespace

std::string PostContextJson(const PostContext& context) {
  json before = json::array();
  for (const ContextPost& post : context.before)
    before.push_back(ContextPostJson(post));
  json after = json::array();
  for (const ContextPost& post : context.after)
    after.push_back(ContextPostJson(post));
  return Dump({{"scope", context.scope},
               {"before", std::move(before)},
               {"post", ContextPostJson(context.post)},
               {"after", std::move(after)}});
}

std::string SnippetText(const std::string& html, const std::string& open,
                        const std::string& close) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    const std::string_view rest = std::string_view(html).substr(i);
    if (rest.starts_with("<mark>")) {
      out += open;
      i += 6;
      continue;
    }
    if (rest.starts_with("</mark>")) {
      out += close;
      i += 7;
      continue;
    }
    bool decoded = false;
    for (const auto& [entity, text] : kEntities) {
      if (rest.starts_with(entity)) {
        out += text;
        i += entity.size();
        decoded = true;
        break;
      }
    }
    if (!decoded) {
      char c = html[i++];
      out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
  }
  return out;
}

}  // namespace holdfast::engine
