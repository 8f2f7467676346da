// What the command line prints beyond plain lines: whether a stream is a terminal, a progress
// line that rewrites itself, and highlighting of matched text.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace holdfast::tools {

bool IsTerminal(std::FILE* stream);

// "  12345 records  4100 rec/s  3.1 MB/s  37% of 210.0 MB  ETA 1:05": records and bytes per
// second so far, and the time left at that byte rate (bytes_total 0: unknown, no ETA).
std::string ProgressLine(uint64_t records, uint64_t bytes_done, uint64_t bytes_total,
                         double seconds);
// ProgressLine rewritten in place on stderr.
void PrintProgress(uint64_t records, uint64_t bytes_done, uint64_t bytes_total, double seconds);
void EndProgress();

// `text` with [begin, end) marked: reverse video on a terminal, else [[...]].
std::string Highlight(std::string_view text, uint32_t begin, uint32_t end, bool terminal);

// Prints an error line "holdfast: <message>" to stderr.
void PrintError(std::string_view message);

}  // namespace holdfast::tools
