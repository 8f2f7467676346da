#include "engine/sources/export_entries.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace holdfast::engine {

std::string_view FileName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsSingleFile(const std::string& path) {
  if (path == "-") {
    return true;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return !(in.read(magic, 4) && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4));
}

bool DetectByEntries(const std::string& path,
                     const std::function<Verdict(std::string_view entry_path,
                                                 archive::ExportReader& reader)>& decide) {
  auto reader = archive::ExportReader::Open(path);
  if (!reader) {
    return false;
  }
  for (;;) {
    auto entry = (*reader)->Next();
    if (!entry) {
      if ((*reader)->done()) {
        return false;
      }
      continue;  // a refused entry
    }
    if (!*entry) {
      return false;
    }
    const std::string_view file = FileName((*entry)->path);
    if (file == "users.json" || file == "channels.json") {
      return false;  // a Slack export
    }
    switch (decide((*entry)->path, **reader)) {
      case Verdict::kYes:
        return true;
      case Verdict::kNo:
        return false;
      case Verdict::kNext:
        break;
    }
  }
}

tl::expected<std::optional<EntryRead>, Error> ReadNextEntry(
    archive::ExportReader& reader, const std::string& source_path,
    const std::function<bool(std::string_view entry_path)>& wanted) {
  for (;;) {
    auto entry = reader.Next();
    if (!entry) {
      if (reader.done()) {
        return tl::unexpected(Error{source_path, 0, entry.error().message});
      }
      const std::string& where = entry.error().path.empty() ? source_path : entry.error().path;
      return EntryRead{where, {}, DeadLetter{where, 0, entry.error().message, {}}};
    }
    if (!*entry) {
      return std::nullopt;
    }
    if (!wanted((*entry)->path)) {
      continue;
    }
    EntryRead read;
    read.name = source_path + (reader.is_folder() ? "/" : "!") + (*entry)->path;
    auto bytes = reader.ReadAll();
    if (!bytes) {
      read.dead_letter = DeadLetter{read.name, 0, bytes.error().message, {}};
    } else {
      read.bytes = std::move(*bytes);
    }
    return read;
  }
}

tl::expected<bool, Error> ReadNextEntryInto(
    archive::ExportReader& reader, const std::string& source_path,
    const std::function<bool(std::string_view entry_path)>& wanted, std::string& file,
    std::string& bytes, SourceItem& item, bool& yielded) {
  auto next = ReadNextEntry(reader, source_path, wanted);
  if (!next) {
    return tl::unexpected(next.error());
  }
  if (!*next) {
    return false;
  }
  file = std::move((*next)->name);
  if ((*next)->dead_letter) {
    item.is_post = false;
    item.dead_letter = std::move(*(*next)->dead_letter);
    yielded = true;
    return true;
  }
  bytes = std::move((*next)->bytes);
  return true;
}

}  // namespace holdfast::engine
