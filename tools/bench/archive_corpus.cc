#include "tools/bench/archive_corpus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/sample_corpus.h"

namespace holdfast::tools::bench {

namespace {

constexpr size_t kVocabulary = 50'000;
constexpr uint64_t kAuthors = 500;
constexpr uint64_t kChannels = 200;
constexpr int64_t kYearStartUs = 1704067200000000;  // 2024-01-01T00:00:00Z
constexpr int64_t kYearUs = int64_t{366} * 86'400 * 1'000'000;
constexpr const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa",
                                      "gu", "ze", "bo", "fi", "ha", "jo", "ke", "li", "mo", "nu",
                                      "ro", "sa", "ti", "va", "we", "xi", "yo", "zu", "an", "er"};
constexpr size_t kSyllableCount = sizeof kSyllables / sizeof kSyllables[0];

// splitmix64: a fixed, portable sequence.
uint64_t Next(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string Padded(uint64_t n, int width) {
  std::string digits = std::to_string(n);
  return std::string(static_cast<size_t>(std::max<int>(0, width - static_cast<int>(digits.size()))),
                     '0') +
         digits;
}

std::string Day(int64_t time_us) {
  const int64_t days = time_us / 86'400'000'000;  // since 1970-01-01
  // Civil from days (Howard Hinnant's algorithm).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return std::to_string(y)
      .append("-")
      .append(Padded(static_cast<uint64_t>(m), 2))
      .append("-")
      .append(Padded(static_cast<uint64_t>(d), 2));
}

}  // namespace

ArchiveCorpus::ArchiveCorpus(uint64_t seed) : seed_(seed), state_(seed) {
  vocabulary_.reserve(kVocabulary);
  for (size_t i = 0; i < kVocabulary; ++i) {
    std::string word;
    size_t n = i;
    do {  // a distinct syllable string per index, 2 to 4 syllables
      word += kSyllables[n % kSyllableCount];
      n /= kSyllableCount;
    } while (n > 0 || word.size() < 4);
    vocabulary_.push_back(std::move(word));
  }
  double sum = 0;
  cumulative_.reserve(kVocabulary);
  for (size_t rank = 1; rank <= kVocabulary; ++rank) {
    sum += 1.0 / static_cast<double>(rank);
    cumulative_.push_back(sum);
  }
}

uint64_t ArchiveCorpus::Below(uint64_t n) { return Next(state_) % n; }

const std::string& ArchiveCorpus::ZipfWord() {
  const double u = static_cast<double>(Next(state_) >> 11) * 0x1.0p-53 * cumulative_.back();
  const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
  return vocabulary_[std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()),
                                      kVocabulary - 1)];
}

BenchPost ArchiveCorpus::Post(uint64_t index) {
  // Each post draws from its own sequence, so that post i is the same however it is reached.
  state_ = seed_ ^ (index * 0xD1B54A32D192ED03ULL);
  SampleCorpus sample(Next(state_));
  BenchPost post;
  post.id = std::string("m").append(std::to_string(index));
  post.text = sample.Text(2, "U0001");
  const uint64_t words = 2 + Below(12);
  for (uint64_t w = 0; w < words; ++w) {
    post.text += ' ';
    post.text += ZipfWord();
  }
  post.author = std::string("U").append(Padded(1 + Below(kAuthors), 4));
  post.channel = std::string("c").append(Padded(1 + Below(kChannels), 3));
  post.time_us = kYearStartUs + static_cast<int64_t>(Below(static_cast<uint64_t>(kYearUs)));
  return post;
}

std::vector<BenchQuery> ArchiveCorpus::Queries(size_t count, uint64_t posts) {
  std::vector<BenchQuery> queries;
  uint64_t state = seed_ ^ 0x5155455249455300ULL;
  const auto below = [&state](uint64_t n) { return Next(state) % n; };
  for (size_t q = 0; q < count; ++q) {
    state_ = Next(state);
    const BenchPost from = Post(below(posts));
    std::vector<std::string> words;
    for (size_t begin = 0, end = 0; begin < from.text.size(); begin = end + 1) {
      end = std::min(from.text.find(' ', begin), from.text.size());
      std::string word = from.text.substr(begin, end - begin);
      if (word.size() >= 4 && std::all_of(word.begin(), word.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
          })) {
        words.push_back(std::move(word));
      }
    }
    if (words.size() < 2) {
      words = {ZipfWord(), ZipfWord()};
    }
    const size_t at = below(words.size() - 1);
    const std::string& word = words[at];
    const std::string other = words[below(words.size())];
    const std::string day = Day(from.time_us);
    const int64_t month_us = 30 * 86'400'000'000LL;
    BenchQuery query;
    switch (below(8)) {
      case 0:
      case 1:
        query = {word, true};
        break;
      case 2:
        query = {std::string(word).append(" ").append(other), true};
        break;
      case 3:
        query = {std::string("\"").append(word).append(" ").append(words[at + 1]).append("\""),
                 true};
        break;
      case 4:
        query = {std::string("author:").append(from.author).append(" ").append(word)};
        break;
      case 5:
        query = {std::string("channel:")
                     .append(from.channel)
                     .append(" ")
                     .append(Day(from.time_us - month_us))
                     .append("..")
                     .append(Day(from.time_us + month_us))};
        break;
      case 6:
        query = {std::string("policy:pii-eu ").append(day).append("..")};
        break;
      default:
        query = {std::string(word).append(" NOT ").append(ZipfWord()), true};
        break;
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

uint64_t WriteJsonl(ArchiveCorpus& corpus, uint64_t posts, const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    return 0;
  }
  uint64_t bytes = 0;
  for (uint64_t i = 0; i < posts; ++i) {
    const BenchPost post = corpus.Post(i);
    const nlohmann::json line = {
        {"id", post.id},
        {"text", post.text},
        {"author", post.author},
        {"channel", post.channel},
        {"time", Day(post.time_us) + "T" +
                     Padded(static_cast<uint64_t>(post.time_us / 3'600'000'000 % 24), 2) +
                     ":00:00Z"}};
    const std::string text = line.dump() + "\n";
    bytes += text.size();
    std::fwrite(text.data(), 1, text.size(), out);
  }
  return std::fclose(out) == 0 ? bytes : 0;
}

}  // namespace holdfast::tools::bench
