#include "tools/bench/engines.h"

#include <limits>
#include <utility>

namespace holdfast::tools::bench {
namespace {

bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Mirrors rules/internal/pattern_text.cc LiteralRegex: escape what is special to both
// dialects, control bytes as \xHH, and \b at an end that is an ASCII word character.
std::string LiteralRegex(std::string_view literal) {
  static constexpr std::string_view kSpecial = "\\^$.|?*+()[]{}";
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  if (!literal.empty() && IsAsciiWordChar(literal.front())) {
    out += "\\b";
  }
  for (char c : literal) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  if (!literal.empty() && IsAsciiWordChar(literal.back())) {
    out += "\\b";
  }
  return out;
}

re2::RE2::Options Re2Options(bool case_sensitive) {
  re2::RE2::Options options;  // UTF-8, as the rules component uses RE2
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  return options;
}

int CountMatch(unsigned int /*id*/, unsigned long long /*from*/, unsigned long long /*to*/,
               unsigned int /*flags*/, void* context) noexcept {
  ++*static_cast<uint64_t*>(context);
  return 0;
}

}  // namespace

std::vector<BenchPattern> PatternsOf(const std::vector<rules::Policy>& policies) {
  std::vector<BenchPattern> patterns;
  for (const rules::Policy& policy : policies) {
    for (const rules::Rule& rule : policy.rules) {
      for (const rules::Pattern& pattern : rule.patterns) {
        patterns.push_back(
            {pattern.regex ? pattern.text : LiteralRegex(pattern.text), pattern.case_insensitive});
      }
    }
  }
  return patterns;
}

tl::expected<Re2SetEngine, std::string> Re2SetEngine::Create(
    const std::vector<BenchPattern>& patterns) {
  auto set = std::make_unique<re2::RE2::Set>(Re2Options(true), re2::RE2::UNANCHORED);
  for (const BenchPattern& pattern : patterns) {
    std::string error;
    const std::string text =
        pattern.case_insensitive ? "(?i:" + pattern.regex + ")" : pattern.regex;
    if (set->Add(text, &error) < 0) {
      return tl::unexpected("RE2::Set cannot add " + pattern.regex + ": " + error);
    }
  }
  if (!set->Compile()) {
    return tl::unexpected(std::string("RE2::Set cannot compile (out of memory)"));
  }
  return Re2SetEngine(std::move(set));
}

tl::expected<size_t, std::string> Re2SetEngine::Scan(std::string_view text) {
  re2::RE2::Set::ErrorInfo error{};
  if (set_->Match(re2::StringPiece(text.data(), text.size()), &matched_, &error)) {
    return matched_.size();
  }
  if (error.kind != re2::RE2::Set::kNoError) {
    return tl::unexpected("RE2::Set::Match failed (error kind " +
                          std::to_string(static_cast<int>(error.kind)) + ")");
  }
  return 0;
}

tl::expected<HyperscanEngine, std::string> HyperscanEngine::Create(
    const std::vector<BenchPattern>& patterns) {
  std::vector<const char*> texts;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  for (const BenchPattern& pattern : patterns) {
    ids.push_back(static_cast<unsigned int>(texts.size()));
    texts.push_back(pattern.regex.c_str());
    flags.push_back(HS_FLAG_UTF8 | (pattern.case_insensitive ? HS_FLAG_CASELESS : 0u));
  }
  HyperscanEngine engine;
  hs_database_t* raw_database = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const hs_error_t status = hs_compile_multi(texts.data(), flags.data(), ids.data(),
                                             static_cast<unsigned int>(ids.size()), HS_MODE_BLOCK,
                                             nullptr, &raw_database, &raw_error);
  engine.database_.reset(raw_database);
  if (status != HS_SUCCESS) {
    std::string message = raw_error != nullptr ? raw_error->message : "cannot compile";
    hs_free_compile_error(raw_error);
    return tl::unexpected("Hyperscan: " + message);
  }
  hs_scratch_t* raw_scratch = nullptr;
  const hs_error_t scratch_status = hs_alloc_scratch(engine.database_.get(), &raw_scratch);
  engine.scratch_.reset(raw_scratch);
  if (scratch_status != HS_SUCCESS) {
    return tl::unexpected(std::string("Hyperscan cannot allocate scratch"));
  }
  return engine;
}

size_t HyperscanEngine::database_bytes() const {
  size_t bytes = 0;
  return hs_database_size(database_.get(), &bytes) == HS_SUCCESS ? bytes : 0;
}

tl::expected<uint64_t, std::string> HyperscanEngine::Scan(std::string_view text) {
  if (text.size() > std::numeric_limits<unsigned int>::max()) {
    return tl::unexpected(std::string("text over Hyperscan's 4 GiB limit"));
  }
  uint64_t matches = 0;
  const hs_error_t status =
      hs_scan(database_.get(), text.data(), static_cast<unsigned int>(text.size()), 0,
              scratch_.get(), &CountMatch, &matches);
  if (status != HS_SUCCESS) {
    return tl::unexpected("hs_scan failed (error " + std::to_string(status) + ")");
  }
  return matches;
}

tl::expected<Re2LoopEngine, std::string> Re2LoopEngine::Create(
    const std::vector<BenchPattern>& patterns) {
  Re2LoopEngine engine;
  for (const BenchPattern& pattern : patterns) {
    auto program = std::make_unique<re2::RE2>(pattern.regex, Re2Options(!pattern.case_insensitive));
    if (!program->ok()) {
      return tl::unexpected("RE2 cannot compile " + pattern.regex + ": " + program->error());
    }
    engine.programs_.push_back(std::move(program));
  }
  return engine;
}

size_t Re2LoopEngine::Scan(std::string_view text) const {
  const re2::StringPiece piece(text.data(), text.size());
  size_t matched = 0;
  for (const auto& program : programs_) {
    if (re2::RE2::PartialMatch(piece, *program)) {
      ++matched;
    }
  }
  return matched;
}

}  // namespace holdfast::tools::bench
