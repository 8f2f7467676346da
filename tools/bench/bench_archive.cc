// holdfast-bench-archive: the archive end to end on generated posts, beside bare Xapian in the
// same run. Prints ingest posts/s (log, scan, sign and index together), index bytes per post,
// query latency p50/p95/p99 over realistic queries, and verify MB/s beside SHA-256 alone; then
// the targets of issue 5 as met or NOT met.
#include <openssl/evp.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "archive/archive.h"
#include "engine/pipeline.h"
#include "rules/policy.h"
#include "rules/rule_set.h"
#include "tools/bench/archive_corpus.h"
#include "tools/bench/bare_xapian.h"
#include "tools/bench/bench_table.h"
#include "tools/disk_usage.h"

namespace holdfast::tools::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Args {
  uint64_t posts = 2'000'000;
  size_t queries = 500;
  uint64_t seed = 7;
  std::string policies = HOLDFAST_POLICY_DIR;
  uint32_t index_shards = archive::Index::kDefaultShards;
  std::string dir;  // empty: a fresh folder under the system's temp folder, removed after
  bool quiet = false;
};

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// p-th percentile (0..100) of `values`, nearest rank. REQUIRES: values is not empty.
double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

struct Latencies {
  std::string what;
  std::vector<double> ms;
};

void PrintLatencies(const Latencies& l) {
  std::printf("  %-52s %5zu %9.2f %9.2f %9.2f\n", l.what.c_str(), l.ms.size(), Percentile(l.ms, 50),
              Percentile(l.ms, 95), Percentile(l.ms, 99));
}

// Bare Xapian with `writers` databases under `dir`, each written by a thread of its own with
// posts i, i + writers, ... of the corpus; the first failure, if any.
std::optional<std::string> IndexInParallel(const fs::path& dir, uint32_t writers, uint64_t posts,
                                           uint64_t seed) {
  std::vector<std::optional<std::string>> failed(writers);
  std::vector<std::thread> threads;
  for (uint32_t w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      ArchiveCorpus corpus(seed);  // post i is the same in every corpus of the same seed
      auto bare = BareXapian::Create((dir / std::to_string(w)).string());
      for (uint64_t i = w; bare && i < posts; i += writers) {
        if (auto added = bare->Add(corpus.Post(i)); !added) {
          failed[w] = added.error();
          return;
        }
      }
      if (!bare) {
        failed[w] = bare.error();
      } else if (auto committed = bare->Commit(); !committed) {
        failed[w] = committed.error();
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (auto& failure : failed) {
    if (failure.has_value()) {
      return failure;
    }
  }
  return std::nullopt;
}

// SHA-256 over the file in 1 MiB reads: what any verify of it must at least do.
// SHA-256 over the log's segment files in order, as one stream.
tl::expected<double, std::string> Sha256Seconds(const fs::path& segments) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(segments)) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<char> buffer(size_t{1} << 20);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const auto start = Clock::now();
  if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return tl::unexpected(std::string("SHA-256 is not available"));
  }
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
      EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &size);
  return Since(start);
}

int Run(const Args& args) {
  const bool progress = !args.quiet && isatty(STDERR_FILENO) == 1;
  const fs::path dir = args.dir.empty() ? fs::temp_directory_path() /
                                              ("holdfast-bench-archive-" + std::to_string(getpid()))
                                        : fs::path(args.dir);
  fs::create_directories(dir);
  const fs::path jsonl = dir / "posts.jsonl";
  const fs::path archive_dir = dir / "archive";
  const fs::path bare_dir = dir / "bare-xapian";
  fs::remove_all(archive_dir);

  ArchiveCorpus corpus(args.seed);
  const uint64_t json_bytes = WriteJsonl(corpus, args.posts, jsonl.string());
  if (json_bytes == 0) {
    std::fprintf(stderr, "holdfast-bench-archive: cannot write %s\n", jsonl.c_str());
    return 1;
  }
  std::printf(
      "holdfast-bench-archive: %llu posts (%.1f MB of JSONL), %zu queries, seed %llu, in %s\n",
      static_cast<unsigned long long>(args.posts), static_cast<double>(json_bytes) / 1e6,
      args.queries, static_cast<unsigned long long>(args.seed), dir.c_str());
  double load = 0;
  if (getloadavg(&load, 1) == 1) {
    std::printf("machine: %u hardware threads; load average %.2f before\n",
                std::thread::hardware_concurrency(), load);
  }

  // Holdfast end to end: read, scan with the shipped policies, log, sign, index.
  auto policies = rules::LoadPolicies({args.policies});
  auto rules = policies ? rules::Compile(*policies) : tl::unexpected(policies.error());
  if (!rules || !archive::Archive::Create(archive_dir, {.index_shards = args.index_shards})) {
    std::fprintf(stderr, "holdfast-bench-archive: cannot set up the archive or the rules\n");
    return 1;
  }
  archive::Options writable;
  writable.read_only = false;
  auto archive = archive::Archive::Open(archive_dir, writable);
  auto source = engine::OpenSource(jsonl.string(), {});
  if (!archive || !source) {
    std::fprintf(stderr, "holdfast-bench-archive: cannot open the archive or the posts\n");
    return 1;
  }
  std::vector<std::unique_ptr<engine::Source>> sources;
  sources.push_back(std::move(*source));
  engine::IngestOptions options;
  options.resume = false;
  const auto ingest_start = Clock::now();
  if (progress) {
    options.on_progress = [&](const engine::IngestProgress& p) {
      std::fprintf(stderr, "\r  holdfast ingest: %llu posts, %.0f posts/s   ",
                   static_cast<unsigned long long>(p.records),
                   static_cast<double>(p.records) / std::max(p.seconds, 1e-3));
    };
  }
  auto stats = engine::Ingest(**archive, *rules, std::move(sources), options);
  const double ingest_seconds = Since(ingest_start);
  if (progress) {
    std::fprintf(stderr, "\r%60s\r", "");
  }
  if (!stats || stats->posts_added != args.posts) {
    std::fprintf(stderr, "holdfast-bench-archive: ingest failed or lost posts\n");
    return 1;
  }
  archive->reset();

  // Bare Xapian: one writer, one TermGenerator, the same posts.
  fs::remove_all(bare_dir);
  auto bare = BareXapian::Create(bare_dir.string());
  const auto bare_start = Clock::now();
  for (uint64_t i = 0; bare && i < args.posts; ++i) {
    if (auto added = bare->Add(corpus.Post(i)); !added) {
      std::fprintf(stderr, "holdfast-bench-archive: %s\n", added.error().c_str());
      return 1;
    }
  }
  if (!bare || !bare->Commit()) {
    std::fprintf(stderr, "holdfast-bench-archive: bare Xapian failed\n");
    return 1;
  }
  const double bare_seconds = Since(bare_start);

  // Bare Xapian again, as many writers as the index has shards, each in a thread of its own
  // and a database of its own: the ceiling of any design with that many shards.
  const fs::path parallel_dir = dir / "bare-xapian-parallel";
  fs::remove_all(parallel_dir);
  fs::create_directories(parallel_dir);
  const auto parallel_start = Clock::now();
  if (auto failed = IndexInParallel(parallel_dir, args.index_shards, args.posts, args.seed)) {
    std::fprintf(stderr, "holdfast-bench-archive: %s\n", failed->c_str());
    return 1;
  }
  const double parallel_seconds = Since(parallel_start);
  const uint64_t parallel_bytes = FolderBytes(parallel_dir);
  fs::remove_all(parallel_dir);

  const double posts = static_cast<double>(args.posts);
  const uint64_t index_bytes = FolderBytes(archive_dir / "index");
  const uint64_t bare_bytes = FolderBytes(bare_dir);
  const uint64_t log_bytes = FolderBytes(archive_dir / "log" / "segments");
  std::printf("\n%-58s %12s %14s\n", "ingest", "posts/s", "index B/post");
  const std::string label = "Holdfast: read, scan, log, sign, index, " +
                            std::to_string(args.index_shards) + " index shards";
  std::printf("  %-56s %12.0f %14.0f\n", label.c_str(), posts / ingest_seconds,
              static_cast<double>(index_bytes) / posts);
  std::printf("  %-56s %12.0f %14.0f\n", "bare Xapian: TermGenerator + one writer, no log",
              posts / bare_seconds, static_cast<double>(bare_bytes) / posts);
  const std::string parallel_label =
      "bare Xapian: " + std::to_string(args.index_shards) + " writers in parallel, nothing else";
  std::printf("  %-56s %12.0f %14.0f\n", parallel_label.c_str(), posts / parallel_seconds,
              static_cast<double>(parallel_bytes) / posts);
  std::printf("  log: %.1f MB, %.0f B/post; %llu flags\n", static_cast<double>(log_bytes) / 1e6,
              static_cast<double>(log_bytes) / posts,
              static_cast<unsigned long long>(stats->flags_added));

  // Queries: one pass to warm the caches, then the measured pass.
  auto reader = archive::Archive::Open(archive_dir, archive::Options{});
  if (!reader) {
    std::fprintf(stderr, "holdfast-bench-archive: %s\n", reader.error().ToString().c_str());
    return 1;
  }
  const std::vector<BenchQuery> queries = corpus.Queries(args.queries, args.posts);
  Latencies all{"Holdfast Search, every query (page of 20, snippets)", {}};
  Latencies text{"Holdfast Search, word and phrase queries", {}};
  Latencies bare_text{"bare Xapian, the same word and phrase queries", {}};
  uint64_t hits = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (const BenchQuery& query : queries) {
      const auto start = Clock::now();
      auto results = (*reader)->index().Search(query.text, 0, 20);
      const double ms = Since(start) * 1e3;
      if (!results) {
        std::fprintf(stderr, "holdfast-bench-archive: query %s: %s\n", query.text.c_str(),
                     results.error().ToString().c_str());
        return 1;
      }
      const auto bare_start_q = Clock::now();
      auto bare_result =
          query.text_only ? bare->Search(query.text) : tl::expected<size_t, std::string>(0);
      const double bare_ms = Since(bare_start_q) * 1e3;
      if (!bare_result) {
        std::fprintf(stderr, "holdfast-bench-archive: %s\n", bare_result.error().c_str());
        return 1;
      }
      if (pass == 1) {
        hits += results->hits.size();
        all.ms.push_back(ms);
        if (query.text_only) {
          text.ms.push_back(ms);
          bare_text.ms.push_back(bare_ms);
        }
      }
    }
  }
  std::printf("\n%-54s %5s %9s %9s %9s\n", "query latency (ms, second pass)", "n", "p50", "p95",
              "p99");
  PrintLatencies(all);
  PrintLatencies(text);
  PrintLatencies(bare_text);
  std::printf("  %.1f hits per Holdfast query on average\n",
              static_cast<double>(hits) / static_cast<double>(queries.size()));

  // Verify: every frame, digest, leaf, head and signature, from the files.
  const auto verify_start = Clock::now();
  const archive::VerifyReport report = (*reader)->Verify();
  const double verify_seconds = Since(verify_start);
  auto sha_seconds = Sha256Seconds(archive_dir / "log" / "segments");
  if (!report.ok || !sha_seconds) {
    std::fprintf(stderr, "holdfast-bench-archive: verify failed: %s\n", report.message.c_str());
    return 1;
  }
  const double log_mb = static_cast<double>(log_bytes) / 1e6;
  std::printf("\n%-58s %12s\n", "verify", "MB/s of log");
  std::printf("  %-56s %12.1f\n", "holdfast verify (every record, head and signature)",
              log_mb / verify_seconds);
  std::printf("  %-56s %12.1f\n", "SHA-256 of the log files alone (OpenSSL, 1 MiB reads)",
              log_mb / *sha_seconds);

  std::printf("\ntargets (issue 5; 2,000,000 posts on a 2-core machine):\n");
  const auto number = [](double value, int decimals) {
    char text_buffer[64];
    std::snprintf(text_buffer, sizeof text_buffer, "%.*f", decimals, value);
    return std::string(text_buffer);
  };
  PrintTarget("ingest posts/s", number(posts / ingest_seconds, 0), ">= 18000",
              posts / ingest_seconds >= 18000);
  PrintTarget("index bytes per post", number(static_cast<double>(index_bytes) / posts, 0), "< 1024",
              static_cast<double>(index_bytes) / posts < 1024);
  PrintTarget("query p99 (ms)", number(Percentile(all.ms, 99), 1), "< 50",
              Percentile(all.ms, 99) < 50, args.posts < 2'000'000 ? "(fewer posts than 2M)" : "");
  PrintTarget("verify MB/s", number(log_mb / verify_seconds, 0), ">= 500",
              log_mb / verify_seconds >= 500);
  if (args.dir.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return 0;
}

}  // namespace
}  // namespace holdfast::tools::bench

int main(int argc, char** argv) {
  holdfast::tools::bench::Args args;
  CLI::App app{"The archive end to end (ingest, index, search, verify) beside bare Xapian"};
  app.add_option("--posts", args.posts, "posts to generate")->check(CLI::PositiveNumber);
  app.add_option("--queries", args.queries, "queries to time")->check(CLI::PositiveNumber);
  app.add_option("--seed", args.seed, "corpus and query seed");
  app.add_option("--index-shards", args.index_shards, "shards of the archive's index")
      ->check(CLI::Range(uint32_t{1}, holdfast::archive::Index::kMaxShards));
  app.add_option("--policies", args.policies, "policy folder or file");
  app.add_option("--dir", args.dir, "work folder, kept afterwards (default: a temporary one)");
  app.add_flag("--quiet", args.quiet, "no progress line");
  CLI11_PARSE(app, argc, argv);
  return holdfast::tools::bench::Run(args);
}
