// holdfast timestamp: an RFC 3161 timestamp of the latest signed head from a time-stamping
// authority, kept in the log as a timestamp record (archive/timestamp.h) and signed by the next
// head.
#include <cstdio>
#include <memory>
#include <string>

#include "archive/archive.h"
#include "archive/timestamp.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"
#include "tools/timestamp_head.h"
#include "tools/tsa_client.h"

namespace holdfast::tools {

namespace {

unsigned long long Ull(uint64_t value) { return static_cast<unsigned long long>(value); }

int RunTimestamp(const std::string& dir, const std::string& tsa, const std::string& tsa_ca) {
  auto archive = OpenArchiveOrReport(dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  return TimestampLatestHead(*archive, dir, tsa, tsa_ca);
}

}  // namespace

tl::expected<HeadTimestamp, std::string> AppendHeadTimestamp(archive::Archive& archive,
                                                             const archive::TreeHead& head,
                                                             const std::string& tsa,
                                                             const std::string& tsa_ca) {
  auto query = archive::MakeTimestampQuery(head);
  if (!query) {
    return tl::unexpected(query.error().ToString());
  }
  auto response = PostTimestampQuery(tsa, query->der);
  if (!response) {
    return tl::unexpected(response.error());
  }
  auto token = archive::TokenFromResponse(*query, *response);
  if (!token) {
    return tl::unexpected(tsa + ": " + token.error().message);
  }
  if (!tsa_ca.empty()) {
    auto verified = archive::VerifyTimestampToken(*token, query->imprint, tsa_ca);
    if (!verified) {
      return tl::unexpected(tsa + ": " + verified.error().ToString());
    }
  }
  auto record = archive::TimestampRecord(head, *token);
  if (!record) {
    return tl::unexpected(record.error().ToString());
  }
  auto sequence = archive.Append(*record);
  if (!sequence) {
    return tl::unexpected(sequence.error().ToString());
  }
  return HeadTimestamp{sequence->value_or(0),
                       archive::CheckTimestampImprint(*token, query->imprint).value_or("?")};
}

int TimestampLatestHead(archive::Archive& archive, const std::string& dir, const std::string& tsa,
                        const std::string& tsa_ca) {
  const auto head = VouchedHeadOrReport(archive, dir);
  if (!head) {
    return 1;
  }
  auto stamped = AppendHeadTimestamp(archive, *head, tsa, tsa_ca);
  if (!stamped) {
    PrintError(stamped.error());
    return 1;
  }
  auto committed = archive.Commit();
  if (!committed) {
    PrintError(committed.error().ToString());
    return 1;
  }
  std::printf(
      "timestamped the head of %llu records at %s (TSA time); token in record %llu, signed by"
      " the head of %llu records\n",
      Ull(head->size), stamped->tsa_time.c_str(), Ull(stamped->sequence), Ull(committed->size));
  return 0;
}

void AddStampCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  auto tsa = std::make_shared<std::string>();
  auto tsa_ca = std::make_shared<std::string>();
  CLI::App* stamp = app.add_subcommand(
      "timestamp", "Have a time-stamping authority (RFC 3161) timestamp the latest signed head");
  stamp->add_option("DIR", *dir, "Archive folder")->required();
  stamp->add_option("--tsa", *tsa, "The TSA's URL (http://...)")->required();
  stamp->add_option("--tsa-ca", *tsa_ca,
                    "PEM CA certificate(s) of the TSA: check the token before keeping it");
  stamp->callback(
      [dir, tsa, tsa_ca, &exit_code] { exit_code = RunTimestamp(*dir, *tsa, *tsa_ca); });
}

}  // namespace holdfast::tools
