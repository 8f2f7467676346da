// archive::Error: what failed in the archive, naming the file and the record sequence number
// where they are known. Thread safety: immutable value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace holdfast::archive {

struct Error {
  std::string path;                  // file or folder concerned; may be empty
  std::optional<uint64_t> sequence;  // record number (0-based leaf index), when one is concerned
  std::string message;               // the reason

  // "DIR/log/records.log: record 17: content digest does not match"
  std::string ToString() const;
};

}  // namespace holdfast::archive
