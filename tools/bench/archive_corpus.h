// ArchiveCorpus: the posts and queries of the archive benchmark. Each post is a sentence of
// holdfast-sample's chatter (so about 2% carry something the policies flag), followed by words
// drawn from a Zipf distribution over a made-up vocabulary of 50,000 words, as real chat has a
// long tail of rare words that a canned sentence list lacks. Queries are what a compliance
// officer types: one or two words, a phrase taken from a post, an author, a channel, a date
// range or a policy, alone or together. Same seed, same posts and queries.
// Thread safety: per-thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace holdfast::tools::bench {

struct BenchPost {
  std::string id;
  std::string text;
  std::string author;   // "U0001".."U0500"
  std::string channel;  // "c001".."c200"
  int64_t time_us = 0;  // over 2024
};

struct BenchQuery {
  std::string text;        // the query as typed
  bool text_only = false;  // words and phrases only: a bare Xapian database can answer it
};

class ArchiveCorpus {
 public:
  explicit ArchiveCorpus(uint64_t seed);

  BenchPost Post(uint64_t index);
  // `count` queries; phrases come from posts [0, posts).
  std::vector<BenchQuery> Queries(size_t count, uint64_t posts);

 private:
  const std::string& ZipfWord();
  uint64_t Below(uint64_t n);

  uint64_t seed_;
  uint64_t state_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;  // Zipf weights, summed
};

// The corpus as the JSONL that `holdfast ingest` reads, written to `path`; returns its bytes.
uint64_t WriteJsonl(ArchiveCorpus& corpus, uint64_t posts, const std::string& path);

}  // namespace holdfast::tools::bench
