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

}  // namespace holdfast::engine
