// fuzz_zip: the fuzzed bytes as a .zip given to archive::ExportReader (which hands anything
// libarchive reads to libarchive), walking every entry and reading it, by ReadAll or in pieces
// by Read as the entry's place in the walk alternates. What must hold for any input: a name
// the walk yields is relative, '/'-separated and free of ".." (hostile names are refused);
// no entry is longer than max_entry_bytes; the bytes handed out stay within max_ratio times the
// file's size (zip bombs stop); and an Error either lets the walk go on or sets done().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "archive/export_reader.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using holdfast::archive::ExportEntry;
using holdfast::archive::ExportReader;
using holdfast::fuzz::Fail;

void CheckName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.back() == '/' ||
      name.find('\\') != std::string::npos) {
    Fail("the walk yielded the entry name \"" + name + "\"");
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) {
      end = name.size();
    }
    const std::string_view part = std::string_view(name).substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      Fail("the walk yielded the entry name \"" + name + "\"");
    }
    start = end + 1;
  }
  const bool letter = (name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z');
  if (letter && name.size() >= 2 && name[1] == ':') {
    Fail("the walk yielded the drive-lettered name \"" + name + "\"");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("export.zip", bytes);
  holdfast::archive::ReaderLimits limits;
  limits.max_entry_bytes = uint64_t{1} << 20;  // keeps a fuzzed bomb's memory small
  limits.max_ratio = 50.0;
  auto reader = ExportReader::Open(path, limits);
  if (!reader) {
    return 0;
  }
  ExportReader& walk = **reader;
  const double max_handed_out = limits.max_ratio * static_cast<double>(size);
  uint64_t handed_out = 0;
  std::vector<char> piece(4093);  // an odd size, so reads straddle libarchive's blocks
  for (uint64_t step = 0; step < 100000; ++step) {
    auto entry = walk.Next();
    if (!entry) {
      if (walk.done()) {
        break;
      }
      continue;  // a refused entry: the walk goes on
    }
    if (!*entry) {
      break;
    }
    CheckName((*entry)->path);
    uint64_t entry_bytes = 0;
    if (step % 2 == 0) {
      auto all = walk.ReadAll();
      if (all) {
        entry_bytes = all->size();
      }
    } else {
      for (;;) {
        auto got = walk.Read(piece.data(), piece.size());
        if (!got || *got == 0) {
          break;
        }
        entry_bytes += *got;
      }
    }
    if (entry_bytes > limits.max_entry_bytes) {
      Fail("entry \"" + (*entry)->path + "\" handed out " + std::to_string(entry_bytes) +
           " bytes, above max_entry_bytes");
    }
    handed_out += entry_bytes;
    if (static_cast<double>(handed_out) > max_handed_out) {
      Fail("the walk handed out " + std::to_string(handed_out) + " bytes from a " +
           std::to_string(size) + "-byte file, above max_ratio");
    }
    if (walk.done()) {
      break;
    }
  }
  return 0;
}
