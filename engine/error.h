// engine::Error: what failed while reading a source or running the pipeline, naming the
// source file and the record (line, array element) where they are known.
// Thread safety: immutable value.
#pragma once

#include <cstdint>
#include <string>

#include "archive/error.h"

namespace holdfast::engine {

struct Error {
  std::string source_file;  // export file or entry, e.g. "export.zip!general/2024-01-02.json"
  uint64_t record = 0;      // 1-based record number in that file; 0 when not record-specific
  std::string message;

  // "export.zip!general/2024-01-02.json: record 3: missing 'ts'"
  std::string ToString() const;
};

// An archive failure as the engine reports it: the archive's file, the record (1-based) and why.
Error FromArchive(const archive::Error& error);

}  // namespace holdfast::engine
