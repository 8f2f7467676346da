#include "tools/sample_format.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

namespace holdfast::tools {

int64_t SampleSeconds(uint64_t i, uint64_t posts) {
  const int64_t days = std::max<int64_t>(10, static_cast<int64_t>(posts / 2000));
  return kSampleStart + static_cast<int64_t>(i * days * kSampleDay / posts);
}

std::string SampleDay(int64_t seconds) {
  using namespace std::chrono;
  const year_month_day date{sys_days{std::chrono::days{seconds / kSampleDay}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string SampleIso(int64_t seconds, int millis) {
  const int64_t in_day = seconds % kSampleDay;
  char buffer[40];
  if (millis < 0) {
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", SampleDay(seconds).c_str(),
                  static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                  static_cast<int>(in_day % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d.%03dZ", SampleDay(seconds).c_str(),
                  static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                  static_cast<int>(in_day % 60), millis);
  }
  return buffer;
}

std::string SampleHex(uint64_t value) {
  uint64_t z = value + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(z));
  return buffer;
}

size_t SampleUserIndex(std::string_view slack_id) {
  for (size_t i = 0; i < kSampleUserCount; ++i) {
    if (slack_id == kSampleUsers[i].id) {
      return i;
    }
  }
  return 0;
}

std::vector<SamplePiece> SplitSampleText(std::string_view slack_text) {
  std::vector<SamplePiece> pieces;
  auto text = [&](std::string_view plain) {
    if (pieces.empty() || pieces.back().kind != SamplePiece::Kind::kText) {
      pieces.push_back({});
    }
    pieces.back().text += plain;
  };
  size_t pos = 0;
  while (pos < slack_text.size()) {
    const char c = slack_text[pos];
    const size_t close = slack_text.find('>', pos);
    if (c == '<' && close != std::string_view::npos) {
      const std::string_view inner = slack_text.substr(pos + 1, close - pos - 1);
      const size_t bar = inner.find('|');
      const std::string_view target = inner.substr(0, bar);
      const std::string_view label =
          bar == std::string_view::npos ? std::string_view() : inner.substr(bar + 1);
      if (inner.starts_with("@")) {
        pieces.push_back({SamplePiece::Kind::kMention, "", std::string(target.substr(1))});
      } else if (inner.starts_with("#")) {
        pieces.push_back(
            {SamplePiece::Kind::kChannel, std::string(label), std::string(target.substr(1))});
      } else {
        pieces.push_back({SamplePiece::Kind::kLink, std::string(label), std::string(target)});
      }
      pos = close + 1;
    } else if (slack_text.substr(pos).starts_with("&amp;")) {
      text("&");
      pos += 5;
    } else if (slack_text.substr(pos).starts_with("&lt;")) {
      text("<");
      pos += 4;
    } else if (slack_text.substr(pos).starts_with("&gt;")) {
      text(">");
      pos += 4;
    } else {
      text(slack_text.substr(pos, 1));
      ++pos;
    }
  }
  return pieces;
}

std::string PlainSampleText(const std::vector<SamplePiece>& pieces) {
  std::string plain;
  for (const SamplePiece& piece : pieces) {
    switch (piece.kind) {
      case SamplePiece::Kind::kText:
        plain += piece.text;
        break;
      case SamplePiece::Kind::kMention:
        plain += '@';
        plain += kSampleUsers[SampleUserIndex(piece.target)].real_name;
        break;
      case SamplePiece::Kind::kLink:
        plain += piece.target;
        break;
      case SamplePiece::Kind::kChannel:
        plain += '#';
        plain += piece.text;
        break;
    }
  }
  return plain;
}

std::string SampleIndent(std::string_view text, size_t depth) {
  std::string out(depth, ' ');
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out.append(depth, ' ');
    }
  }
  return out;
}

bool WriteSampleFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    SampleWriteFailed(path);
    return false;
  }
  return true;
}

int SampleWriteFailed(const std::string& path) {
  std::fprintf(stderr, "holdfast-sample: cannot write %s\n", path.c_str());
  return 1;
}

}  // namespace holdfast::tools
