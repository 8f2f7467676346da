// holdfast head: the latest signed tree head, as the note to publish, or as three files that
// OpenSSL alone can check (head.bin, head.sig, public.pem; see README.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "archive/archive.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

namespace fs = std::filesystem;

bool WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    PrintError(path.string() + ": cannot write");
    return false;
  }
  return true;
}

int RunHead(const std::string& dir, const std::string& out_dir) {
  auto archive = OpenArchiveOrReport(dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  const auto head = VouchedHeadOrReport(*archive, dir);
  if (!head) {
    return 1;
  }
  if (out_dir.empty()) {
    std::fputs(head->Note().c_str(), stdout);
    return 0;
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    PrintError(out_dir + ": " + ec.message());
    return 1;
  }
  const fs::path out(out_dir);
  if (!WriteFile(out / "head.bin", head->Body()) || !WriteFile(out / "head.sig", head->signature) ||
      !WriteFile(out / "public.pem", archive->public_pem())) {
    return 1;
  }
  const std::string bin = (out / "head.bin").string();
  std::printf(
      "%s: the signed tree head, tree size %llu (the exact signed bytes)\n"
      "%s: its 64-byte Ed25519 signature\n"
      "%s: the archive's public key\n"
      "check with: openssl pkeyutl -verify -pubin -inkey %s -rawin -in %s -sigfile %s\n",
      bin.c_str(), static_cast<unsigned long long>(head->size), (out / "head.sig").c_str(),
      (out / "public.pem").c_str(), (out / "public.pem").c_str(), bin.c_str(),
      (out / "head.sig").c_str());
  return 0;
}

}  // namespace

void AddHeadCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* head = app.add_subcommand(
      "head", "Print the latest signed tree head, or write it as files OpenSSL can check");
  head->add_option("DIR", *dir, "Archive folder")->required();
  head->add_option("--out", *out, "Write head.bin, head.sig and public.pem into this folder");
  head->callback([dir, out, &exit_code] { exit_code = RunHead(*dir, *out); });
}

}  // namespace holdfast::tools
