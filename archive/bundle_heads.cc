#include "archive/internal/bundle_heads.h"

#include <algorithm>
#include <map>

#include "archive/internal/encoding.h"
#include "archive/signer.h"

namespace holdfast::archive::internal {

namespace {

std::string NoSuchHead(uint64_t size, const std::vector<TreeHead>& heads, const TreeHead& latest) {
  std::string message = "the archive signed no head of " + std::to_string(size) + " records";
  const auto after = std::lower_bound(heads.begin(), heads.end(), size,
                                      [](const TreeHead& h, uint64_t s) { return h.size < s; });
  if (after != heads.begin()) {
    message += "; the nearest before is " + std::to_string(std::prev(after)->size);
  }
  const uint64_t next = after != heads.end() ? after->size : latest.size;
  if (next > size) {
    message += "; the nearest after is " + std::to_string(next);
  }
  return message;
}

}  // namespace

tl::expected<BundleHeads, Error> FindBundleHeads(const Archive& archive,
                                                 std::optional<uint64_t> size) {
  auto latest = archive.LatestHead();
  if (!latest) {
    return tl::unexpected(latest.error());
  }
  const std::string head_file = (archive.dir() / "head.note").string();
  if (!VerifyHead(*latest, archive.public_pem()) || latest->size > archive.size()) {
    return tl::unexpected(
        Error{head_file, std::nullopt, "the latest head does not verify against this archive"});
  }
  const uint64_t want = size.value_or(latest->size);
  if (want > latest->size) {
    return tl::unexpected(Error{head_file, std::nullopt,
                                "no head of " + std::to_string(want) +
                                    " records: the latest signed head has " +
                                    std::to_string(latest->size)});
  }
  // A head of n records is logged at sequence n or later, so the walk can stop at the first
  // logged head past `want`.
  std::map<uint64_t, TreeHead> logged;
  std::optional<Error> bad;
  auto walked = archive.ForEach([&](const StoredRecord& stored) {
    if (stored.record.type != RecordType::kTreeHead) {
      return true;
    }
    auto head = ParseNote(stored.record.meta);
    if (!head) {
      bad = Error{head_file, stored.sequence,
                  "a logged head does not parse: " + head.error().message};
      return false;
    }
    if (head->size > want) {
      return false;
    }
    logged.try_emplace(head->size, std::move(*head));
    return true;
  });
  if (!walked) {
    return tl::unexpected(walked.error());
  }
  if (bad) {
    return tl::unexpected(*bad);
  }
  BundleHeads heads;
  if (want == latest->size) {
    heads.head = *latest;
  } else if (auto it = logged.find(want); it != logged.end()) {
    heads.head = it->second;
  } else {
    std::vector<TreeHead> sizes;
    for (auto& [head_size, head] : logged) {
      sizes.push_back(head);
    }
    return tl::unexpected(Error{head_file, std::nullopt, NoSuchHead(want, sizes, *latest)});
  }
  logged.erase(heads.head.size);
  for (auto& [head_size, head] : logged) {
    heads.earlier.push_back(std::move(head));
  }
  return heads;
}

std::string CustodyText(const Archive& archive, const TreeHead& head, const BundleFields& fields,
                        const std::vector<std::string>& key_chain) {
  std::string text = "CHAIN OF CUSTODY\n================\n\n";
  const auto line = [&text](std::string_view label, std::string_view value) {
    text += label;
    text.append(label.size() < 22 ? 22 - label.size() : 1, ' ');
    text += value;
    text += '\n';
  };
  line("Case:", fields.case_name);
  line("Exported by:", fields.exported_by);
  line("Selection:", fields.selection_kind + ": " + fields.selection);
  if (!fields.query.empty() && fields.query != fields.selection) {
    line("Query run:", fields.query);
  }
  line("Archive:", archive.origin());
  line("Archive key:", KeyFingerprint(archive.public_pem()));
  for (size_t i = 0; i + 1 < key_chain.size(); ++i) {
    line(i == 0 ? "Retired keys:" : "", key_chain[i]);
  }
  line("Cut at signed head:", std::to_string(head.size) + " records");
  line("Head root:", ToHex(head.root));
  line("Head signed at:", FormatRfc3339Micros(head.time_us).value_or("?"));
  for (const auto& [name, count] : fields.counts) {
    line(name + ":", std::to_string(count));
  }
  text += R"(
1. Every item in native/ was read from the archive's append-only log, byte for byte as the
   archive logged it when it captured the item; proof/items/ holds, for each, the Merkle
   audit path to the signed head above, and the earliest signed head that already held it.
2. The selection was run against the archive as it stood at that head: only records the head
   covers are in this bundle, so the same case, selection and exporter at the same head give
   the same bundle, byte for byte. The counts above are those of that run.
3. The export itself is recorded in the archive's signed log as an audit record (action
   "export") naming the case, who exported it, when (the wall-clock time of the export, which
   this bundle deliberately does not carry) and the SHA-256 of this bundle's manifest.json.
4. manifest.json lists every file with its SHA-256 and size and is signed by the archive's
   key (manifest.sig). VERIFY.md says how to check all of it without Holdfast.

Received by: ______________________   Date: ____________   Signature: ______________________

Transferred to: ___________________   Date: ____________   Signature: ______________________
)";
  return text;
}

}  // namespace holdfast::archive::internal
