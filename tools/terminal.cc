#include "tools/terminal.h"

#include <unistd.h>

namespace holdfast::tools {

bool IsTerminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

std::string ProgressLine(uint64_t records, uint64_t bytes_done, uint64_t bytes_total,
                         double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  const double mb_rate = seconds > 0 ? static_cast<double>(bytes_done) / 1e6 / seconds : 0;
  char line[160];
  if (bytes_total == 0) {
    std::snprintf(line, sizeof line, "  %llu records  %.0f rec/s  %.1f MB read  %.1f MB/s",
                  static_cast<unsigned long long>(records), rate,
                  static_cast<double>(bytes_done) / 1e6, mb_rate);
    return line;
  }
  const double fraction = static_cast<double>(bytes_done) / static_cast<double>(bytes_total);
  // The time left at the byte rate so far; unknown until a little has been read.
  char eta[32] = "ETA --:--";
  if (fraction > 0.001 && seconds > 0.5) {
    const auto left = static_cast<long long>(seconds * (1 - fraction) / fraction + 0.5);
    std::snprintf(eta, sizeof eta, "ETA %lld:%02lld", left / 60, left % 60);
  }
  std::snprintf(line, sizeof line, "  %llu records  %.0f rec/s  %.1f MB/s  %.0f%% of %.1f MB  %s",
                static_cast<unsigned long long>(records), rate, mb_rate, 100.0 * fraction,
                static_cast<double>(bytes_total) / 1e6, eta);
  return line;
}

void PrintProgress(uint64_t records, uint64_t bytes_done, uint64_t bytes_total, double seconds) {
  std::fprintf(stderr, "\r%s   ", ProgressLine(records, bytes_done, bytes_total, seconds).c_str());
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
