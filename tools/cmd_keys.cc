// holdfast rotate-key: hands the archive's signing over to a fresh key (archive/key_chain.h).
#include <cstdio>
#include <memory>
#include <string>

#include "archive/archive.h"
#include "archive/signer.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

unsigned long long Ull(uint64_t value) { return static_cast<unsigned long long>(value); }

int RunRotateKey(const std::string& dir) {
  auto archive = OpenArchiveOrReport(dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  const std::string old_key = archive::KeyFingerprint(archive->public_pem());
  auto head = archive->RotateKey();
  if (!head) {
    PrintError(head.error().ToString());
    return 1;
  }
  const std::string new_key = archive::KeyFingerprint(archive->public_pem());
  std::printf(
      "rotated: key %s retired after its last head of %llu records; key %s signs from record"
      " %llu on\n"
      "  the handover head (record %llu) is signed by %s and cosigned by %s\n"
      "  publish the new key's fingerprint beside the old one: %s/keys/public.pem\n",
      old_key.c_str(), Ull(head->handover ? head->handover->size : 0), new_key.c_str(),
      Ull(head->size), Ull(head->size), new_key.c_str(), old_key.c_str(), dir.c_str());
  return 0;
}

}  // namespace

void AddKeyCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* rotate = app.add_subcommand(
      "rotate-key",
      "Retire the signing key: a new key signs from now on, handed over by the old one");
  rotate->add_option("DIR", *dir, "Archive folder")->required();
  rotate->callback([dir, &exit_code] { exit_code = RunRotateKey(*dir); });
}

}  // namespace holdfast::tools
