// holdfast verify, holdfast verify-bundle.
#include <cstdio>
#include <string>

#include "archive/archive.h"
#include "archive/bundle.h"
#include "archive/signer.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

int RunVerify(const std::string& dir) {
  auto archive = OpenArchiveOrReport(dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  const archive::VerifyReport report = archive->Verify();
  if (!report.ok) {
    std::printf("FAILED: %s\n", report.message.c_str());
    if (report.first_bad) {
      std::printf("first bad record: %llu\n", static_cast<unsigned long long>(*report.first_bad));
    }
    return 1;
  }
  auto head = archive->LatestHead();
  std::printf(
      "ok: %llu records, %llu signed heads verified; latest head: %llu records, root %s,"
      " key %s\n",
      static_cast<unsigned long long>(report.records),
      static_cast<unsigned long long>(report.heads_checked),
      static_cast<unsigned long long>(head ? head->size : 0),
      head ? archive::ToHex(head->root).c_str() : "?",
      archive::KeyFingerprint(archive->public_pem()).c_str());
  return 0;
}

int RunVerifyBundle(const std::string& file) {
  const archive::BundleReport report = archive::VerifyBundle(file);
  if (!report.ok) {
    std::printf("FAILED: %s\n", report.message.c_str());
    return 1;
  }
  std::printf(
      "ok: %llu items of case '%s' proven against a signed tree head of %llu records;"
      " signed by key %s (compare it with the archive owner's published key)\n",
      static_cast<unsigned long long>(report.items), report.case_name.c_str(),
      static_cast<unsigned long long>(report.tree_size), report.key_fingerprint.c_str());
  return 0;
}

}  // namespace

void AddVerifyCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* verify = app.add_subcommand(
      "verify", "Recompute the Merkle tree and every signature; name the first bad record");
  verify->add_option("DIR", *dir, "Archive folder")->required();
  verify->callback([dir, &exit_code] { exit_code = RunVerify(*dir); });

  auto file = std::make_shared<std::string>();
  CLI::App* bundle =
      app.add_subcommand("verify-bundle", "Check an evidence bundle offline, without the archive");
  bundle->add_option("FILE", *file, "Bundle (.zip)")->required();
  bundle->callback([file, &exit_code] { exit_code = RunVerifyBundle(*file); });
}

}  // namespace holdfast::tools
