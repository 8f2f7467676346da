#include "engine/erasure.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/hold_query.h"
#include "engine/records.h"
#include "engine/retention.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using json = nlohmann::json;

constexpr uint32_t kPage = 1000;
constexpr size_t kTombstonesPerCommit = 1000;
constexpr int64_t kDayUs = int64_t{86'400} * 1'000'000;

// Every document `query` finds, superseded versions included.
tl::expected<void, Error> ForEachHit(const archive::Archive& archive, const std::string& query,
                                     const std::function<void(const archive::SearchHit&)>& fn) {
  for (uint32_t offset = 0;; offset += kPage) {
    auto page = archive.index().Search(query, offset, kPage, /*history=*/true);
    if (!page) {
      return tl::unexpected(FromArchive(page.error()));
    }
    for (const archive::SearchHit& hit : page->hits) {
      fn(hit);
    }
    if (page->hits.size() < kPage) {
      return {};
    }
  }
}

// The post ids that active holds keep, each with the name of one hold that keeps it.
tl::expected<std::map<std::string, std::string>, Error> HeldPosts(const archive::Archive& archive) {
  auto holds = ActiveHolds(archive);
  if (!holds) {
    return tl::unexpected(holds.error());
  }
  std::map<std::string, std::string> held;
  for (const Hold& hold : *holds) {
    const std::string query = HoldQuery(hold);
    if (query.empty()) {
      continue;  // CheckHold refuses a hold without a scope; an empty query would find all
    }
    auto found = ForEachHit(
        archive, query, [&](const archive::SearchHit& hit) { held.emplace(hit.post, hold.name); });
    if (!found) {
      return tl::unexpected(Error{"hold " + hold.name, 0, found.error().message});
    }
  }
  return held;
}

struct Target {
  std::string key;  // the post version's record key
  uint64_t sequence = 0;
  std::string post_id;
  std::string rule;  // the retention rule that expired it
};

// The post versions the request asks to erase, by key.
tl::expected<std::map<std::string, Target>, Error> FindTargets(const archive::Archive& archive,
                                                               const EraseRequest& request) {
  std::map<std::string, Target> targets;
  const auto take = [&](const std::string& rule) {
    return [&targets, rule](const archive::SearchHit& hit) {
      targets.emplace(hit.key, Target{hit.key, hit.sequence, hit.post, rule});
    };
  };
  if (request.reason == EraseReason::kSubjectRequest) {
    if (auto found = ForEachHit(archive, "author:" + QuotedFilterValue(request.author), take(""));
        !found) {
      return tl::unexpected(found.error());
    }
    return targets;
  }
  auto rules = RetentionRules(archive);
  if (!rules) {
    return tl::unexpected(rules.error());
  }
  for (const RetentionRule& rule : *rules) {
    const int64_t cutoff = request.now_us - int64_t{rule.keep_days} * kDayUs;
    std::string query;
    if (!rule.source.empty()) {
      query += "source:" + QuotedFilterValue(rule.source) + " ";
    }
    if (!rule.community.empty()) {
      query += "channel:" + QuotedFilterValue(rule.community) + " ";
    }
    query += ".." + FormatRfc3339(cutoff).substr(0, 10);  // whole days; the time decides below
    const auto add = take(rule.name);
    auto found = ForEachHit(archive, query, [&](const archive::SearchHit& hit) {
      if (hit.time_us < cutoff) {
        add(hit);
      }
    });
    if (!found) {
      return tl::unexpected(Error{"retention " + rule.name, 0, found.error().message});
    }
  }
  return targets;
}

// The flag records that follow post `sequence` in the log and belong to it.
tl::expected<std::vector<uint64_t>, Error> FlagsOf(const archive::Archive& archive,
                                                   const std::string& key, uint64_t sequence) {
  std::vector<uint64_t> flags;
  auto walked = archive.ForEach(
      [&](const archive::StoredRecord& record) {
        if (record.record.type != archive::RecordType::kFlag) {
          return false;
        }
        auto flag = DecodeFlag(record);
        if (flag && flag->post_key == key) {
          flags.push_back(record.sequence);
        }
        return true;
      },
      sequence + 1);
  if (!walked) {
    return tl::unexpected(FromArchive(walked.error()));
  }
  return flags;
}

// Rewrites the index document of an erased post version as reindex would build it from the log:
// the erased post and flags, the review state and version it had.
tl::expected<void, Error> RefreshDocument(archive::Archive& archive, const std::string& key,
                                          uint64_t post_sequence,
                                          const std::vector<uint64_t>& flag_sequences) {
  auto stored = archive.Read(post_sequence);
  if (!stored) {
    return tl::unexpected(FromArchive(stored.error()));
  }
  auto post = DecodePost(*stored);
  if (!post) {
    return tl::unexpected(post.error());
  }
  std::vector<Flag> flags;
  for (uint64_t sequence : flag_sequences) {
    auto flag_record = archive.Read(sequence);
    if (!flag_record) {
      return tl::unexpected(FromArchive(flag_record.error()));
    }
    auto flag = DecodeFlag(*flag_record);
    if (!flag) {
      return tl::unexpected(flag.error());
    }
    flags.push_back(std::move(*flag));
  }
  archive::Index& index = archive.index();
  auto state = index.FilterValues(key, "state");
  auto version = index.FilterValues(key, "version");
  if (!state || !version) {
    return tl::unexpected(FromArchive(!state ? state.error() : version.error()));
  }
  if (auto put = index.Put(PostIndexEntry(*post, post_sequence, flags)); !put) {
    return tl::unexpected(FromArchive(put.error()));
  }
  for (const auto& [field, values] : {std::pair{"state", *state}, std::pair{"version", *version}}) {
    if (!values.empty()) {
      if (auto set = index.SetFilter(key, field, values); !set) {
        return tl::unexpected(FromArchive(set.error()));
      }
    }
  }
  return {};
}

struct Tombstone {
  std::string post_key;
  uint64_t post_sequence = 0;
  std::vector<uint64_t> erased;  // the post, then its flags
};

archive::Record TombstoneRecord(const Tombstone& tombstone, const Target& target,
                                const EraseRequest& request) {
  const bool retention = request.reason == EraseReason::kRetention;
  json meta = {{"post_key", tombstone.post_key},
               {"post_seq", tombstone.post_sequence},
               {"erased", tombstone.erased},
               {"reason", retention ? "retention" : "subject-request"}};
  if (retention) {
    meta["rule"] = target.rule;
  }
  // Who asked, the request's reference and the note name people: content, kept (a tombstone's
  // own content is never erased).
  const json content = {
      {"actor", request.actor}, {"reference", request.reference}, {"note", request.note}};
  return {archive::RecordType::kErasure, "erasure:" + tombstone.post_key, meta.dump(),
          content.dump()};
}

// Erases what the tombstones name and rewrites their documents; then commits the index.
tl::expected<uint64_t, Error> Apply(archive::Archive& archive,
                                    const std::vector<Tombstone>& tombstones) {
  uint64_t erased = 0;
  for (const Tombstone& tombstone : tombstones) {
    for (uint64_t sequence : tombstone.erased) {
      auto done = archive.EraseContent(sequence);
      if (!done) {
        return tl::unexpected(FromArchive(done.error()));
      }
      erased += *done ? 1 : 0;
    }
    const std::vector<uint64_t> flags(tombstone.erased.begin() + 1, tombstone.erased.end());
    if (auto refreshed =
            RefreshDocument(archive, tombstone.post_key, tombstone.post_sequence, flags);
        !refreshed) {
      return tl::unexpected(refreshed.error());
    }
  }
  if (auto committed = archive.Commit(); !committed) {  // nothing new to sign: the index commits
    return tl::unexpected(FromArchive(committed.error()));
  }
  return erased;
}

tl::expected<Tombstone, Error> ReadTombstone(const archive::Archive& archive, uint64_t sequence) {
  auto stored = archive.Read(sequence);
  if (!stored) {
    return tl::unexpected(FromArchive(stored.error()));
  }
  const json meta = json::parse(stored->record.meta, nullptr, false);
  if (!meta.is_object() || !meta.contains("erased") || !meta["erased"].is_array() ||
      meta["erased"].empty()) {
    return tl::unexpected(Error{"log", sequence + 1, "a tombstone that names no record"});
  }
  Tombstone tombstone;
  tombstone.post_key = meta.value("post_key", std::string());
  tombstone.post_sequence = meta.value("post_seq", uint64_t{0});
  for (const json& erased : meta["erased"]) {
    tombstone.erased.push_back(erased.get<uint64_t>());
  }
  return tombstone;
}

}  // namespace

tl::expected<uint64_t, Error> FinishErasures(archive::Archive& archive) {
  auto sequences = archive.SequencesOfType(archive::RecordType::kErasure);
  if (!sequences) {
    return tl::unexpected(FromArchive(sequences.error()));
  }
  // Runs erase in tombstone order and each run finishes the last one first, so only the newest
  // tombstones can be unfinished: walk back to the first one whose records are all erased.
  std::vector<Tombstone> unfinished;
  for (auto it = sequences->rbegin(); it != sequences->rend(); ++it) {
    auto tombstone = ReadTombstone(archive, *it);
    if (!tombstone) {
      return tl::unexpected(tombstone.error());
    }
    auto last = archive.Read(tombstone->erased.back());
    if (!last) {
      return tl::unexpected(FromArchive(last.error()));
    }
    if (last->content_erased) {
      break;
    }
    unfinished.push_back(std::move(*tombstone));
  }
  if (unfinished.empty()) {
    return 0;
  }
  auto erased = Apply(archive, unfinished);
  if (!erased) {
    return erased;
  }
  if (auto rewritten = archive.index().Rewrite(); !rewritten) {
    return tl::unexpected(FromArchive(rewritten.error()));
  }
  return erased;
}

tl::expected<EraseReport, Error> Erase(archive::Archive& archive, const EraseRequest& request) {
  if (request.actor.empty()) {
    return tl::unexpected(Error{"erase", 0, "an erasure needs an actor (--actor)"});
  }
  if (request.reason == EraseReason::kSubjectRequest && request.author.empty()) {
    return tl::unexpected(Error{"erase", 0, "a data-subject request needs an author"});
  }
  if (!request.dry_run) {
    if (auto finished = FinishErasures(archive); !finished) {
      return tl::unexpected(finished.error());
    }
  }
  auto held = HeldPosts(archive);
  if (!held) {
    return tl::unexpected(held.error());
  }
  auto targets = FindTargets(archive, request);
  if (!targets) {
    return tl::unexpected(targets.error());
  }
  EraseReport report;
  std::set<std::string> holds;
  std::vector<Tombstone> pending;
  for (const auto& [key, target] : *targets) {
    if (archive.Contains("erasure:" + key)) {
      ++report.already_erased;
      continue;
    }
    if (const auto hold = held->find(target.post_id); hold != held->end()) {
      ++report.posts_held;
      holds.insert(hold->second);
      continue;
    }
    auto flags = FlagsOf(archive, key, target.sequence);
    if (!flags) {
      return tl::unexpected(flags.error());
    }
    Tombstone tombstone{key, target.sequence, {target.sequence}};
    tombstone.erased.insert(tombstone.erased.end(), flags->begin(), flags->end());
    ++report.posts_erased;
    report.records_erased += tombstone.erased.size();
    if (request.dry_run) {
      continue;
    }
    if (auto appended = archive.Append(TombstoneRecord(tombstone, target, request)); !appended) {
      return tl::unexpected(FromArchive(appended.error()));
    }
    pending.push_back(std::move(tombstone));
    if (pending.size() >= kTombstonesPerCommit) {
      // Signed first: content never goes without a committed tombstone that says why.
      if (auto committed = archive.Commit(); !committed) {
        return tl::unexpected(FromArchive(committed.error()));
      }
      if (auto applied = Apply(archive, pending); !applied) {
        return tl::unexpected(applied.error());
      }
      pending.clear();
    }
  }
  if (!pending.empty()) {
    if (auto committed = archive.Commit(); !committed) {
      return tl::unexpected(FromArchive(committed.error()));
    }
    if (auto applied = Apply(archive, pending); !applied) {
      return tl::unexpected(applied.error());
    }
  }
  if (report.posts_erased > 0 && !request.dry_run) {
    // Replaced documents leave their old text in the index's free pages and value bounds.
    if (auto rewritten = archive.index().Rewrite(); !rewritten) {
      return tl::unexpected(FromArchive(rewritten.error()));
    }
  }
  report.holds.assign(holds.begin(), holds.end());
  return report;
}

}  // namespace holdfast::engine
