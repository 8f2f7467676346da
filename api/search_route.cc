// GET /api/v1/search?q=&page=&page_size=&sort=&facets=1: the whole archive, for compliance.
// Each search that runs is audited (the query, the page, the number of hits).
#include <string>

#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/json_views.h"

namespace holdfast::api {

Reply SearchRoute(const RouteCall& call) {
  const Request& request = call.request;
  if (auto only = OnlyParams(request, {"q", "page", "page_size", "sort", "facets"}); !only)
    return only.error();
  const std::string query = Param(request, "q");
  if (query.size() > call.limits.max_query_bytes) {
    return ErrorReply(400, "q is longer than the limit of " +
                               std::to_string(call.limits.max_query_bytes) + " bytes");
  }
  auto page = PageParams(request, call.limits);
  if (!page)
    return page.error();
  archive::SearchOptions options{.offset = page->offset(), .limit = page->size};
  const std::string sort = Param(request, "sort");
  if (sort == "newest") {
    options.sort = archive::SearchSort::kNewest;
  } else if (sort == "oldest") {
    options.sort = archive::SearchSort::kOldest;
  } else if (!sort.empty() && sort != "relevance") {
    return ErrorReply(400, "sort must be relevance, newest or oldest");
  }
  const std::string facets = Param(request, "facets");
  if (!facets.empty() && facets != "0" && facets != "1") {
    return ErrorReply(400, "facets must be 0 or 1");
  }
  options.facets = facets == "1";
  auto results = call.archive.index().Search(query, options);
  if (!results) {
    return ErrorReply(400, results.error().message);
  }
  if (auto audited =
          Audit(call, engine::AuditAction::kSearch, query,
                "page " + std::to_string(page->number) + (sort.empty() ? "" : ", sort " + sort),
                results->estimated_total);
      !audited) {
    return audited.error();
  }
  std::string body = std::string("{\"total\":")
                         .append(std::to_string(results->estimated_total))
                         .append(",\"page\":")
                         .append(std::to_string(page->number))
                         .append(",\"page_size\":")
                         .append(std::to_string(page->size))
                         .append(",\"hits\":[");
  for (size_t i = 0; i < results->hits.size(); ++i) {
    body.append(i > 0 ? "," : "").append(engine::SearchHitJson(results->hits[i]));
  }
  body += ']';
  if (options.facets) {
    body.append(",\"facets\":").append(engine::FacetsJson(results->facets));
  }
  return {200, body + "}"};
}

}  // namespace holdfast::api
