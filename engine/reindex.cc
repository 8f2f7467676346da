#include "engine/reindex.h"

#include <set>
#include <string>
#include <vector>

#include "engine/records.h"
#include "engine/review_queue.h"
#include "engine/versions.h"

namespace holdfast::engine {

namespace {

constexpr uint64_t kCommitEvery = 100'000;  // records between index commits

// The post being indexed and the flags that follow it in the log.
struct PendingPost {
  bool present = false;
  Post post;
  std::string key;
  uint64_t sequence = 0;
  std::vector<Flag> flags;
};

class Rebuilder {
 public:
  Rebuilder(archive::Archive& archive, ReindexStats& stats) : archive_(archive), stats_(stats) {}

  // Takes one record; false with error_ set when it cannot.
  bool Take(const archive::StoredRecord& record) {
    ++stats_.records;
    switch (record.record.type) {
      case archive::RecordType::kPost: {
        if (!Flush()) {
          return false;
        }
        if (record.sequence - last_commit_ >= kCommitEvery && !Commit(record.sequence)) {
          return false;
        }
        auto post = DecodePost(record);
        if (!post) {
          return Fail(post.error());
        }
        pending_ = {true, std::move(*post), record.record.key, record.sequence, {}};
        return true;
      }
      case archive::RecordType::kFlag: {
        auto flag = DecodeFlag(record);
        if (!flag) {
          return Fail(flag.error());
        }
        if (pending_.present && flag->post_key == pending_.key) {
          pending_.flags.push_back(std::move(*flag));
        }
        return true;
      }
      case archive::RecordType::kReview:
        saw_review_ = true;
        return true;
      default:
        return true;
    }
  }

  // Writes the pending post's document.
  bool Flush() {
    if (!pending_.present) {
      return true;
    }
    pending_.present = false;
    auto put =
        archive_.index().Put(PostIndexEntry(pending_.post, pending_.sequence, pending_.flags));
    if (!put) {
      return Fail(FromArchive(put.error()));
    }
    ++stats_.posts;
    if (!pending_.post.supersedes.empty()) {
      if (auto marked = MarkSuperseded(archive_, pending_.post.supersedes); !marked) {
        return Fail(marked.error());
      }
    }
    return true;
  }

  bool Commit(uint64_t log_size) {
    auto committed = archive_.index().Commit(log_size);
    if (!committed) {
      return Fail(FromArchive(committed.error()));
    }
    last_commit_ = log_size;
    return true;
  }

  bool saw_review() const { return saw_review_; }
  const Error& error() const { return error_; }

 private:
  bool Fail(Error error) {
    error_ = std::move(error);
    return false;
  }

  archive::Archive& archive_;
  ReindexStats& stats_;
  PendingPost pending_;
  uint64_t last_commit_ = 0;
  bool saw_review_ = false;
  Error error_;
};

// Sets the state filter of every post with a reviewed flag: the states of all its flags, as
// ApplyReview does.
tl::expected<uint64_t, Error> ApplyReviewStates(archive::Archive& archive) {
  auto flags = LoadFlags(archive);
  if (!flags)
    return tl::unexpected(flags.error());
  std::set<std::string> reviewed;
  for (const FlagStatus& status : *flags) {
    if (!status.reviews.empty())
      reviewed.insert(status.flag.post_key);
  }
  if (auto indexed = IndexFlagStates(archive, *flags, reviewed); !indexed)
    return tl::unexpected(indexed.error());
  return reviewed.size();
}

}  // namespace

tl::expected<ReindexStats, Error> Reindex(
    archive::Archive& archive, uint64_t from,
    const std::function<void(uint64_t done, uint64_t total)>& on_progress) {
  ReindexStats stats;
  Rebuilder rebuilder(archive, stats);
  bool failed = false;
  const uint64_t total = archive.size();
  auto walked = archive.ForEach(
      [&](const archive::StoredRecord& record) {
        if (!rebuilder.Take(record)) {
          failed = true;
          return false;
        }
        if (on_progress && stats.records % 10'000 == 0)
          on_progress(record.sequence + 1, total);
        return true;
      },
      from);
  if (!walked)
    return tl::unexpected(FromArchive(walked.error()));
  if (failed || !rebuilder.Flush())
    return tl::unexpected(rebuilder.error());
  // A review only ever follows its flag, so reviews before `from` were applied already.
  if (rebuilder.saw_review()) {
    auto reviewed = ApplyReviewStates(archive);
    if (!reviewed)
      return tl::unexpected(reviewed.error());
    stats.reviewed_posts = *reviewed;
  }
  if (!rebuilder.Commit(archive.size()))
    return tl::unexpected(rebuilder.error());
  if (from == 0) {
    // A whole rebuild grew by many commits: compacted it is about half the size. The index is
    // complete either way, so a failure here is not the rebuild's.
    if (auto compacted = archive.index().Compact(); !compacted)
      stats.notes.push_back("the index was not compacted: " + compacted.error().ToString());
  }
  return stats;
}

tl::expected<ReindexStats, Error> CatchUpIndex(archive::Archive& archive, uint64_t defer_below) {
  if (archive.index().schema_version() < archive::Index::kSchemaVersion) {
    // Documents in an older layout lack slots (facets, context): rebuild them all.
    if (auto reset = archive.ResetIndex(); !reset)
      return tl::unexpected(FromArchive(reset.error()));
    auto stats = Reindex(archive, 0);
    if (stats)
      stats->rebuilt_old_schema = true;
    return stats;
  }
  const uint64_t indexed = archive.index().log_size();
  if (indexed >= archive.size())
    return ReindexStats{};
  if (archive.size() - indexed < defer_below) {
    bool to_index = false;
    auto walked = archive.ForEach(
        [&](const archive::StoredRecord& record) {
          const archive::RecordType type = record.record.type;
          to_index = type == archive::RecordType::kPost || type == archive::RecordType::kFlag ||
                     type == archive::RecordType::kReview;
          return !to_index;
        },
        indexed);
    if (!walked)
      return tl::unexpected(FromArchive(walked.error()));
    if (!to_index)
      return ReindexStats{};
  }
  return Reindex(archive, indexed);
}

}  // namespace holdfast::engine
