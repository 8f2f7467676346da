// A Concordance/Relativity DAT load file (load/export.dat): UTF-8 with a byte-order mark, a
// header row, fields separated by 0x14 and quoted by þ (U+00FE), newlines inside a field
// written as ® (U+00AE), ';' between values of a multi-value field and '\' between levels of a
// nested one, CRLF after every row including the last. One row per exported post version.
// Thread safety: owned.
#pragma once

#include <string>

#include "engine/export/export_items.h"

namespace holdfast::engine {

class DatLoadFile {
 public:
  DatLoadFile();  // starts with the byte-order mark and the header row

  // One row for `post` of `slice`.
  void Add(const ConversationSlice& slice, const ExportPost& post);
  size_t rows() const { return rows_; }
  // The file so far; the writer is left empty.
  std::string Take();

 private:
  std::string bytes_;
  size_t rows_ = 0;
  // The PARTICIPANTS value of the slice whose rows are being added, computed once per slice
  // (slugs are unique in a bundle).
  std::string participants_slug_;
  std::string participants_;
};

// The bundle path of the load file.
inline constexpr char kDatLoadFilePath[] = "load/export.dat";

}  // namespace holdfast::engine
