#include "tools/archive_open.h"

#include "tools/terminal.h"

namespace holdfast::tools {

std::unique_ptr<archive::Archive> OpenArchiveOrReport(const std::string& dir, bool writable) {
  archive::Options options;
  options.read_only = !writable;
  auto archive = archive::Archive::Open(dir, options);
  if (!archive) {
    PrintError(archive.error().ToString());
    return nullptr;
  }
  return std::move(*archive);
}

}  // namespace holdfast::tools
