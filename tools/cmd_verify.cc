// holdfast verify [--from-head FILE] [--tsa-ca FILE], holdfast verify-bundle.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "archive/archive.h"
#include "archive/bundle.h"
#include "archive/key_chain.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/timestamp.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

unsigned long long Ull(uint64_t value) { return static_cast<unsigned long long>(value); }

// The auditor's check: the head saved in `file` earlier was signed by this archive's key, and
// the log only grew since, so its tree is the start of the latest signed head's tree.
int CheckGrewFrom(const archive::Archive& archive, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::printf("FAILED: %s: cannot read the saved head\n", file.c_str());
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto saved = archive::ParseNote(text.str());
  if (!saved) {
    std::printf("FAILED: %s: not a signed tree head: %s\n", file.c_str(),
                saved.error().message.c_str());
    return 1;
  }
  // Verify has followed the key chain; a head saved before a rotation carries an older key.
  auto keys = archive::ArchivePublicKeys(archive.dir());
  bool signed_by_archive = false;
  for (const std::string& key : keys.value_or(std::vector<std::string>{archive.public_pem()})) {
    signed_by_archive = signed_by_archive || archive::VerifyHead(*saved, key);
  }
  if (!signed_by_archive) {
    const std::string why = saved->origin != archive.origin()
                                ? "it is a head of another log (" + saved->origin + ")"
                                : "it was altered, or signed by another key";
    std::printf(
        "FAILED: %s: the saved head's signature does not verify under this archive's key %s"
        " (keys/public.pem): %s\n",
        file.c_str(), archive::KeyFingerprint(archive.public_pem()).c_str(), why.c_str());
    return 1;
  }
  auto latest = archive.LatestHead();
  if (!latest) {
    std::printf("FAILED: %s\n", latest.error().ToString().c_str());
    return 1;
  }
  std::printf("saved head:  %llu records, root %s\n", Ull(saved->size),
              archive::ToHex(saved->root).c_str());
  std::printf("latest head: %llu records, root %s\n", Ull(latest->size),
              archive::ToHex(latest->root).c_str());
  if (saved->size > latest->size) {
    std::printf(
        "FAILED: the saved head signs %llu records, the latest only %llu: the log was cut short"
        " or replaced\n",
        Ull(saved->size), Ull(latest->size));
    return 1;
  }
  auto proof = archive.ConsistencyProof(saved->size, latest->size);
  if (!proof) {
    std::printf("FAILED: %s\n", proof.error().ToString().c_str());
    return 1;
  }
  if (!archive::VerifyConsistency(saved->size, latest->size, saved->root, latest->root, *proof)) {
    std::printf(
        "FAILED: not consistent: the first %llu records are not the ones the saved head signed;"
        " the log was rewritten\n",
        Ull(saved->size));
    return 1;
  }
  std::printf("consistent: the log only grew from %llu to %llu records (a proof of %zu hashes)\n",
              Ull(saved->size), Ull(latest->size), proof->size());
  return 0;
}

// Every RFC 3161 token in the log, against the TSA's CA.
int CheckTimestamps(const archive::Archive& archive, const std::string& tsa_ca) {
  const archive::TimestampReport report = archive::VerifyTimestamps(archive, tsa_ca);
  if (!report.ok) {
    std::printf("FAILED: %s\n", report.message.c_str());
    if (report.first_bad) {
      std::printf("first bad record: %llu\n", Ull(*report.first_bad));
    }
    return 1;
  }
  std::printf("timestamps: %llu RFC 3161 tokens verify under %s\n", Ull(report.tokens),
              tsa_ca.c_str());
  return 0;
}

int RunVerify(const std::string& dir, const std::string& from_head, const std::string& tsa_ca) {
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
  if (!report.note.empty()) {
    std::printf("note: %s\n", report.note.c_str());
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
  if (report.key_chain.size() > 1) {
    std::string chain;
    for (const std::string& key : report.key_chain) {
      chain += chain.empty() ? key : std::string(" -> ") + key;
    }
    std::printf("key chain: %s (each handover cosigned by the key it retires)\n", chain.c_str());
  }
  if (report.timestamps > 0 && tsa_ca.empty()) {
    std::printf(
        "note: %llu timestamp tokens match their heads; give --tsa-ca to check their signatures\n",
        Ull(report.timestamps));
  }
  if (!tsa_ca.empty() && CheckTimestamps(*archive, tsa_ca) != 0) {
    return 1;
  }
  return from_head.empty() ? 0 : CheckGrewFrom(*archive, from_head);
}

int RunVerifyBundle(const std::string& file) {
  const archive::BundleReport report = archive::VerifyBundle(file);
  if (!report.ok) {
    std::printf("FAILED: %s\n", report.message.c_str());
    return 1;
  }
  std::printf(
      "ok: %llu items (%llu posts) of case '%s' proven against the signed tree head of %llu "
      "records, signed %s; %llu earlier heads proven consistent with it;"
      " signed by key %s (compare it with the archive owner's published key)\n",
      static_cast<unsigned long long>(report.items), static_cast<unsigned long long>(report.posts),
      report.case_name.c_str(), static_cast<unsigned long long>(report.tree_size),
      engine::FormatRfc3339(report.head_time_us).c_str(),
      static_cast<unsigned long long>(report.earlier_heads), report.key_fingerprint.c_str());
  if (!report.key_chain.empty()) {
    std::string chain;
    for (const std::string& key : report.key_chain) {
      chain += chain.empty() ? key : std::string(" -> ") + key;
    }
    std::printf("key chain: %s (each handover cosigned by the key it retires)\n", chain.c_str());
  }
  return 0;
}

}  // namespace

void AddVerifyCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* verify = app.add_subcommand(
      "verify", "Recompute the Merkle tree and every signature; name the first bad record");
  verify->add_option("DIR", *dir, "Archive folder")->required();
  auto from_head = std::make_shared<std::string>();
  verify->add_option("--from-head", *from_head,
                     "A head.note saved earlier: also prove the log only grew since");
  auto tsa_ca = std::make_shared<std::string>();
  verify->add_option("--tsa-ca", *tsa_ca,
                     "PEM CA certificate(s) of the TSA: also check every RFC 3161 token");
  verify->callback(
      [dir, from_head, tsa_ca, &exit_code] { exit_code = RunVerify(*dir, *from_head, *tsa_ca); });

  auto file = std::make_shared<std::string>();
  CLI::App* bundle =
      app.add_subcommand("verify-bundle", "Check an evidence bundle offline, without the archive");
  bundle->add_option("FILE", *file, "Bundle (.zip)")->required();
  bundle->callback([file, &exit_code] { exit_code = RunVerifyBundle(*file); });
}

}  // namespace holdfast::tools
