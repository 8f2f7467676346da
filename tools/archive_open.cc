#include "tools/archive_open.h"

#include <cstdio>
#include <filesystem>

#include "engine/reindex.h"
#include "tools/terminal.h"

namespace holdfast::tools {

std::unique_ptr<archive::Archive> OpenArchiveOrReport(const std::string& dir, bool writable,
                                                      bool catch_up_index) {
  archive::Options options;
  options.read_only = !writable;
  options.writer_wait_ms = 10'000;  // outwait a running `holdfast serve` committing its spool
  auto archive = archive::Archive::Open(dir, options);
  if (!archive) {
    PrintError(archive.error().ToString());
    return nullptr;
  }
  if (!(*archive)->repair_note().empty()) {
    std::fprintf(stderr, "holdfast: repaired the log: %s\n", (*archive)->repair_note().c_str());
  }
  if (writable && catch_up_index) {
    if ((*archive)->index().schema_version() < archive::Index::kSchemaVersion) {
      // Once per upgrade, and as long as a reindex: say so before the wait, not after.
      std::fprintf(stderr,
                   "holdfast: the index is in an older layout; rebuilding it from the log\n");
    }
    auto caught_up = engine::CatchUpIndex(**archive);
    if (!caught_up) {
      PrintError(caught_up.error().ToString());
      return nullptr;
    }
    if (caught_up->rebuilt_old_schema) {
      std::fprintf(stderr,
                   "holdfast: the index was in an older layout; rebuilt it from %llu records\n",
                   static_cast<unsigned long long>(caught_up->records));
    } else if (caught_up->records > 0) {
      std::fprintf(stderr,
                   "holdfast: the index was behind the log; indexed %llu records it missed\n",
                   static_cast<unsigned long long>(caught_up->records));
    }
  }
  return std::move(*archive);
}

std::optional<archive::TreeHead> VouchedHeadOrReport(const archive::Archive& archive,
                                                     const std::string& dir) {
  auto head = archive.LatestHead();
  if (!head) {
    PrintError(head.error().ToString());
    return std::nullopt;
  }
  if (!archive::VerifyHead(*head, archive.public_pem())) {
    PrintError((std::filesystem::path(dir) / "head.note").string() +
               ": the signature does not verify under keys/public.pem; run holdfast verify");
    return std::nullopt;
  }
  return *head;
}

}  // namespace holdfast::tools
