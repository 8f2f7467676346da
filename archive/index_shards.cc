// Index: its shards on disk. Opening and creating them (a shard list, Xapian's XAPIANDB file,
// naming each shard's folder), and putting rewritten or compacted copies of them in place.
#include <xapian.h>

#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "archive/index.h"
#include "archive/internal/index_schema.h"

namespace holdfast::archive {

namespace {

namespace fs = std::filesystem;

// The shard list: a line "glass shard-N" per shard, each path relative to the list's folder.
constexpr char kShardListName[] = "XAPIANDB";
constexpr int kGlass = Xapian::DB_BACKEND_GLASS;

fs::path ShardDir(const fs::path& dir, uint32_t shard) {
  return dir / ("shard-" + std::to_string(shard));
}

// A swap cut short between its two renames leaves the old database at PATH.old: put it back.
void RestoreSwapped(const fs::path& path) {
  std::error_code ec;
  if (const fs::path old = path.string() + ".old"; !fs::exists(path, ec) && fs::exists(old, ec)) {
    fs::rename(old, path, ec);
  }
}

// The shard folders of the index at `dir`: those its shard list names, DIR itself for an index from
// before shards, none for a new one.
tl::expected<std::vector<fs::path>, std::string> ExistingShards(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "iamglass", ec)) {
    return std::vector<fs::path>{dir};
  }
  std::ifstream list(dir / kShardListName);
  if (!list) {
    return std::vector<fs::path>{};
  }
  std::vector<fs::path> shards;
  std::string line;
  for (int number = 1; std::getline(list, line); ++number) {
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const size_t space = line.find(' ');
    if (space == std::string::npos || line.compare(0, space, "glass") != 0) {
      return tl::unexpected(std::string(kShardListName) + " line " + std::to_string(number) +
                            ": not \"glass PATH\": " + line);
    }
    shards.push_back(dir / line.substr(space + 1));
  }
  return shards;
}

// Creates the folders and shard list of a new index of `count` shards at `dir`; the list is written
// last, under a temporary name then renamed, so that it never names a shard not yet there.
tl::expected<std::vector<fs::path>, std::string> CreateShards(const fs::path& dir, uint32_t count) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return tl::unexpected("cannot make the folder: " + ec.message());
  }
  std::vector<fs::path> shards;
  std::string list;
  for (uint32_t i = 0; i < count; ++i) {
    shards.push_back(ShardDir(dir, i));
    list.append("glass ").append(shards.back().filename().string()).append("\n");
  }
  const fs::path temporary = dir / (std::string(kShardListName) + ".new");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << list;
    if (!out.flush()) {
      return tl::unexpected("cannot write " + temporary.string());
    }
  }
  try {
    for (const fs::path& shard : shards) {
      Xapian::WritableDatabase(shard.string(), Xapian::DB_CREATE_OR_OPEN | kGlass).close();
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected("cannot create a shard: " + e.get_msg());
  }
  fs::rename(temporary, dir / kShardListName, ec);
  if (ec) {
    return tl::unexpected("cannot write " + (dir / kShardListName).string() + ": " + ec.message());
  }
  return shards;
}

}  // namespace

tl::expected<std::unique_ptr<Index>, Error> Index::Open(const fs::path& dir, bool writable,
                                                        bool overwrite, uint32_t shards) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  if (shards > kMaxShards) {
    return tl::unexpected(impl->Fail("an index has 1 to " + std::to_string(kMaxShards) +
                                     " shards, not " + std::to_string(shards)));
  }
  RestoreSwapped(dir);  // an index from before shards is swapped whole
  std::error_code ec;
  if (!writable && !fs::is_directory(dir, ec)) {
    return tl::unexpected(impl->Fail("no index at this path"));
  }
  auto existing = ExistingShards(dir);
  if (!existing) {
    return tl::unexpected(impl->Fail(existing.error()));
  }
  for (const fs::path& shard : *existing) {
    RestoreSwapped(shard);
  }
  impl->shard_dirs = *existing;
  if (!writable) {
    try {
      impl->db = std::make_unique<Xapian::Database>(dir.string());
    } catch (const Xapian::Error& e) {
      return tl::unexpected(impl->Fail("cannot open the index", e));
    }
    return std::unique_ptr<Index>(new Index(std::move(impl)));
  }
  // A new index, or one rebuilt with another layout (an index from before shards counts as
  // another layout whatever its count), starts from nothing in the current layout.
  const bool before_shards = existing->size() == 1 && existing->front() == dir;
  if (shards == 0) {
    shards = existing->empty() || before_shards ? kDefaultShards
                                                : static_cast<uint32_t>(existing->size());
  }
  if (overwrite && !existing->empty() && (before_shards || existing->size() != shards)) {
    fs::remove_all(dir, ec);
    existing->clear();
  }
  if (existing->empty()) {
    auto created = CreateShards(dir, shards);
    if (!created) {
      return tl::unexpected(impl->Fail(created.error()));
    }
    existing = std::move(created);
  }
  impl->shard_dirs = *existing;
  try {
    const int mode = (overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
    for (const fs::path& path : *existing) {
      auto shard = std::make_unique<Impl::Shard>();
      shard->dir = path;
      shard->db = std::make_unique<Xapian::WritableDatabase>(path.string(), mode | kGlass);
      impl->shards.push_back(std::move(shard));
    }
    impl->JoinShards();
    impl->stamp_schema = overwrite || impl->db->get_doccount() == 0;
  } catch (const Xapian::Error& e) {
    impl->shards.clear();
    return tl::unexpected(impl->Fail("cannot open the index", e));
  }
  return std::unique_ptr<Index>(new Index(std::move(impl)));
}

tl::expected<void, Error> Index::Impl::SwapIn(Shard& shard, const fs::path& fresh) {
  // Swapped by two renames. A crash between them leaves the old shard at DIR.old, which Open
  // puts back; with neither, the next writer rebuilds the index from the log (a view).
  const fs::path old = shard.dir.string() + ".old";
  std::error_code ec;
  fs::remove_all(old, ec);
  fs::rename(shard.dir, old, ec);
  if (!ec) {
    fs::rename(fresh, shard.dir, ec);
  }
  const std::string swap_error = ec ? ec.message() : std::string();
  if (!swap_error.empty() && !fs::exists(shard.dir)) {
    fs::rename(old, shard.dir, ec);
  }
  fs::remove_all(old, ec);
  fs::remove_all(fresh, ec);
  try {
    shard.db = std::make_unique<Xapian::WritableDatabase>(shard.dir.string(),
                                                          Xapian::DB_CREATE_OR_OPEN | kGlass);
  } catch (const Xapian::Error& e) {
    return tl::unexpected(Fail("cannot reopen the index", e));
  }
  if (!swap_error.empty()) {
    return tl::unexpected(Fail("cannot put the new index in place: " + swap_error));
  }
  return {};
}

tl::expected<void, Error> Index::Impl::ReplaceWithCopy(
    std::string_view suffix, std::string_view what,
    const std::function<void(Shard& shard, const fs::path& fresh)>& write_copy) {
  if (!writable()) {
    return tl::unexpected(Fail("the index is open read-only"));
  }
  if (auto settled = Settle(); !settled) {
    return settled;
  }
  std::vector<fs::path> fresh;
  std::vector<std::optional<Error>> failed(shards.size());
  std::vector<std::thread> threads;
  std::error_code ec;
  // Every path first: the threads read `fresh`, which must not grow under them.
  for (size_t i = 0; i < shards.size(); ++i) {
    fresh.push_back(shards[i]->dir.string() + std::string(suffix));
    fs::remove_all(fresh.back(), ec);
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    // One thread per shard: each touches only its own shard's database.
    threads.emplace_back([&, i] {
      try {
        shards[i]->db->commit();
        write_copy(*shards[i], fresh[i]);
      } catch (const Xapian::Error& e) {
        failed[i] = Fail(std::string("cannot ").append(what), e);
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    if (failed[i].has_value()) {
      for (const fs::path& path : fresh) {
        fs::remove_all(path, ec);
      }
      return tl::unexpected(*failed[i]);
    }
  }
  tl::expected<void, Error> swapped;
  try {
    db->close();  // every shard's writer: they share their databases with it
  } catch (const Xapian::Error& e) {
    return tl::unexpected(Fail(std::string("cannot ").append(what), e));
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    if (auto ok = SwapIn(*shards[i], fresh[i]); !ok && swapped) {
      swapped = std::move(ok);
    }
  }
  JoinShards();
  return swapped;
}

tl::expected<void, Error> Index::Rewrite() {
  return impl_->ReplaceWithCopy(
      ".rewrite", "rewrite the index", [](Impl::Shard& shard, const fs::path& fresh) {
        // Documents are copied one by one, not compacted: compaction keeps each value slot's
        // bounds, which can be a value of a document long gone; a new database has exact ones.
        const Xapian::Database& db = *shard.db;
        Xapian::WritableDatabase copy(fresh.string(), Xapian::DB_CREATE_OR_OVERWRITE | kGlass);
        uint64_t copied = 0;
        for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
          copy.replace_document(*it, db.get_document(*it));
          if (++copied % 10'000 == 0) {
            copy.commit();
          }
        }
        for (Xapian::TermIterator key = db.metadata_keys_begin(); key != db.metadata_keys_end();
             ++key) {
          copy.set_metadata(*key, db.get_metadata(*key));
        }
        copy.commit();
        copy.close();
      });
}

tl::expected<void, Error> Index::Compact() {
  return impl_->ReplaceWithCopy(
      ".compact", "compact the index", [](Impl::Shard& shard, const fs::path& fresh) {
        // Document ids are kept: nothing outside the index refers to
        // them, but the order of equal matches follows them.
        shard.db->compact(fresh.string(), Xapian::DBCOMPACT_NO_RENUMBER | kGlass);
      });
}

}  // namespace holdfast::archive
