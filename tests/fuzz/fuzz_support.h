// What every fuzz target shares: a scratch folder made once per process (the sources read
// paths, not buffers), and the invariants that hold for a source on ANY input: it ends (Next
// returns false or an Error within a bound set by the input's size), every post's text is valid
// UTF-8, and every dead letter names its file and a reason. A broken invariant prints what broke
// and aborts, which libFuzzer reports as a crash with its reproducer.
// Thread safety: per-thread (libFuzzer runs one input at a time).
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "engine/source.h"

namespace holdfast::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::fflush(stderr);
  abort();
}

// A folder under the system temp directory, made on first use and removed when the process
// exits normally (a crash leaves it for a look): one fuzz run writes its inputs there, again
// and again, so nothing is left per input.
inline const std::filesystem::path& ScratchDir() {
  struct Folder {
    Folder() {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "holdfast-fuzz-XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) {
        Fail("cannot make a scratch folder under " +
             std::filesystem::temp_directory_path().string());
      }
      path = pattern;
    }
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
  };
  static const Folder folder;
  return folder.path;
}

// Writes `bytes` to ScratchDir()/relative, making folders on the way; returns the path.
inline std::filesystem::path WriteScratch(const std::string& relative, std::string_view bytes) {
  const std::filesystem::path file = ScratchDir() / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) {
    Fail("cannot write " + file.string());
  }
  return file;
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t min = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2, min = 0x80, code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3, min = 0x800, code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4, min = 0x10000, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        return false;
      }
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

struct DrainCounts {
  uint64_t posts = 0;
  uint64_t dead_letters = 0;
};

// Reads `source` to its end and checks each item. Every item a source yields consumes some of
// the input, so more than 4 items per input byte (plus a few for the files the harness writes)
// means Next() is going round without progress.
inline DrainCounts DrainAndCheck(engine::Source& source, size_t input_bytes) {
  const uint64_t max_items = 4 * uint64_t{input_bytes} + 64;
  DrainCounts counts;
  engine::SourceItem item;
  for (;;) {
    auto more = source.Next(item);
    if (!more || !*more) {
      return counts;  // an Error ends a source; what it yielded before stands
    }
    if (item.is_post) {
      ++counts.posts;
      if (!IsValidUtf8(item.post.text)) {
        Fail("post " + std::to_string(counts.posts) + " of " + source.name() +
             " has text that is not valid UTF-8");
      }
    } else {
      ++counts.dead_letters;
      if (item.dead_letter.source_file.empty()) {
        Fail("a dead letter of " + source.name() + " names no file (" + item.dead_letter.reason +
             ")");
      }
      if (item.dead_letter.reason.empty()) {
        Fail("a dead letter in " + item.dead_letter.source_file + " gives no reason");
      }
    }
    if (counts.posts + counts.dead_letters > max_items) {
      Fail(source.name() + " yielded more than " + std::to_string(max_items) + " items from " +
           std::to_string(input_bytes) + " bytes: Next() does not end");
    }
  }
}

// Opens `path` as `format` and drains it; an input the source refuses outright is fine.
inline void OpenAndDrain(const std::filesystem::path& path, const std::string& format,
                         size_t input_bytes) {
  engine::SourceOptions options;
  options.format = format;
  options.tz = "UTC";  // local times read alike on every machine
  // Small limits, so the fuzzer reaches the over-long-record paths with short inputs.
  options.max_line_bytes = 4096;
  options.max_dead_letter_bytes = 256;
  auto source = engine::OpenSource(path.string(), options);
  if (!source) {
    if (source.error().message.empty()) {
      Fail("opening " + path.string() + " failed without saying why");
    }
    return;
  }
  DrainAndCheck(**source, input_bytes);
}

}  // namespace holdfast::fuzz
