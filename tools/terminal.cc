#include "tools/terminal.h"

#include <unistd.h>

namespace holdfast::tools {

bool IsTerminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

void PrintProgress(uint64_t records, uint64_t bytes_done, uint64_t bytes_total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  if (bytes_total > 0) {
    std::fprintf(stderr, "\r  %llu records  %.0f rec/s  %.0f%% of %.1f MB   ",
                 static_cast<unsigned long long>(records), rate,
                 100.0 * static_cast<double>(bytes_done) / static_cast<double>(bytes_total),
                 static_cast<double>(bytes_total) / 1e6);
  } else {
    std::fprintf(stderr, "\r  %llu records  %.0f rec/s  %.1f MB read   ",
                 static_cast<unsigned long long>(records), rate,
                 static_cast<double>(bytes_done) / 1e6);
  }
  std::fflush(stderr);
}

void EndProgress() { std::fprintf(stderr, "\r\033[K"); }

std::string Highlight(std::string_view text, uint32_t begin, uint32_t end, bool terminal) {
  if (begin > end || end > text.size()) {
    return std::string(text);
  }
  std::string out(text.substr(0, begin));
  out += terminal ? "\033[7m" : "[[";
  out += text.substr(begin, end - begin);
  out += terminal ? "\033[0m" : "]]";
  out += text.substr(end);
  return out;
}

void PrintError(std::string_view message) {
  std::fprintf(stderr, "holdfast: %.*s\n", static_cast<int>(message.size()), message.data());
}

}  // namespace holdfast::tools
