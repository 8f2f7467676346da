#include "engine/saved_search.h"

#include <map>
#include <nlohmann/json.hpp>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Field(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsSort(const std::string& sort) {
  return sort == "relevance" || sort == "newest" || sort == "oldest";
}

}  // namespace

archive::Record SavedSearchRecord(const SavedSearch& search) {
  const json meta = {{"sort", search.sort}, {"time", FormatRfc3339(search.time_us)}};
  const json content = {{"name", search.name}, {"query", search.query}, {"by", search.by}};
  return {archive::RecordType::kSavedSearch, "", Dump(meta), Dump(content)};
}

tl::expected<SavedSearch, Error> DecodeSavedSearch(const archive::StoredRecord& record) {
  const json meta = json::parse(record.record.meta, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    return tl::unexpected(
        Error{"log", record.sequence + 1, "meta of saved search is not a JSON object"});
  }
  SavedSearch search;
  search.sequence = record.sequence;
  search.sort = Field(meta, "sort");
  search.time_us = ParseRfc3339(Field(meta, "time")).value_or(0);
  if (record.content_erased) {
    return search;
  }
  const json content = json::parse(record.record.content, nullptr, false);
  if (content.is_discarded() || !content.is_object()) {
    return tl::unexpected(
        Error{"log", record.sequence + 1, "content of saved search is not a JSON object"});
  }
  search.name = Field(content, "name");
  search.query = Field(content, "query");
  search.by = Field(content, "by");
  return search;
}

tl::expected<uint64_t, Error> SaveSearch(archive::Archive& archive, SavedSearch search) {
  if (search.name.empty()) {
    return tl::unexpected(Error{"", 0, "a saved search needs a name"});
  }
  if (!IsSort(search.sort)) {
    return tl::unexpected(Error{
        "", 0,
        std::string("sort must be relevance, newest or oldest, not \"") + search.sort + "\""});
  }
  if (search.time_us == 0) {
    search.time_us = archive.NowUs();
  }
  auto appended = archive.Append(SavedSearchRecord(search));
  if (!appended)
    return tl::unexpected(FromArchive(appended.error()));
  if (auto head = archive.Commit(); !head)
    return tl::unexpected(FromArchive(head.error()));
  return appended->value_or(0);  // the key is empty, so the record is always appended
}

tl::expected<std::vector<SavedSearch>, Error> LoadSavedSearches(const archive::Archive& archive) {
  std::map<std::string, SavedSearch> latest;
  // Saved searches are listed by type: read them alone, not the whole log.
  auto sequences = archive.SequencesOfType(archive::RecordType::kSavedSearch);
  if (!sequences)
    return tl::unexpected(FromArchive(sequences.error()));
  for (uint64_t sequence : *sequences) {
    auto record = archive.Read(sequence);
    if (!record)
      return tl::unexpected(FromArchive(record.error()));
    auto search = DecodeSavedSearch(*record);
    if (!search)
      return tl::unexpected(search.error());
    if (!search->name.empty()) {
      latest[search->name] = std::move(*search);
    }
  }
  std::vector<SavedSearch> out;
  for (auto& [name, search] : latest) {
    out.push_back(std::move(search));
  }
  return out;
}

}  // namespace holdfast::engine
