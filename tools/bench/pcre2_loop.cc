#include "tools/bench/pcre2_loop.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace holdfast::tools::bench {
namespace {

struct CodeFree {
  void operator()(pcre2_code* code) const noexcept { pcre2_code_free(code); }
};
struct MatchDataFree {
  void operator()(pcre2_match_data* data) const noexcept { pcre2_match_data_free(data); }
};

}  // namespace

struct Pcre2LoopEngine::State {
  std::vector<std::unique_ptr<pcre2_code, CodeFree>> programs;
  std::unique_ptr<pcre2_match_data, MatchDataFree> match_data;
  size_t errors = 0;
};

Pcre2LoopEngine::Pcre2LoopEngine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pcre2LoopEngine::~Pcre2LoopEngine() = default;
Pcre2LoopEngine::Pcre2LoopEngine(Pcre2LoopEngine&&) noexcept = default;
Pcre2LoopEngine& Pcre2LoopEngine::operator=(Pcre2LoopEngine&&) noexcept = default;

tl::expected<Pcre2LoopEngine, std::string> Pcre2LoopEngine::Create(
    const std::vector<rules::StageExpression>& patterns) {
  auto state = std::make_unique<State>();
  for (const rules::StageExpression& pattern : patterns) {
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    const uint32_t options =
        PCRE2_UTF | PCRE2_MULTILINE | (pattern.case_insensitive ? PCRE2_CASELESS : 0u);
    std::unique_ptr<pcre2_code, CodeFree> code(
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.regex.data()), pattern.regex.size(),
                      options, &error_code, &error_offset, nullptr));
    if (code == nullptr) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(error_code, message, sizeof(message));
      return tl::unexpected("PCRE2 cannot compile " + pattern.regex + ": " +
                            reinterpret_cast<const char*>(message));
    }
    if (pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE) != 0) {
      return tl::unexpected("PCRE2 JIT is not available for " + pattern.regex);
    }
    state->programs.push_back(std::move(code));
  }
  state->match_data.reset(pcre2_match_data_create(1, nullptr));
  if (state->match_data == nullptr) {
    return tl::unexpected(std::string("PCRE2 cannot allocate match data"));
  }
  return Pcre2LoopEngine(std::move(state));
}

size_t Pcre2LoopEngine::Scan(std::string_view text) {
  size_t matched = 0;
  for (const auto& program : state_->programs) {
    // pcre2_match runs the JIT code when the program has it.
    const int result =
        pcre2_match(program.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                    PCRE2_NO_UTF_CHECK, state_->match_data.get(), nullptr);
    if (result >= 0) {
      ++matched;
    } else if (result != PCRE2_ERROR_NOMATCH) {
      ++state_->errors;
    }
  }
  return matched;
}

size_t Pcre2LoopEngine::errors() const { return state_->errors; }

}  // namespace holdfast::tools::bench
