// What every source needs of an export's shape before it reads it: a file's name in an
// entry path, whether a path is one file or a container (zip or folder), and format detection
// by the entries of a container.
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "archive/export_reader.h"

namespace holdfast::engine {

// The last '/'-separated part of an entry path: "general/2024-01-02.json" -> "2024-01-02.json".
std::string_view FileName(std::string_view path);

// True for "-" and for a file that is no zip (by its first bytes); false for a folder or zip.
bool IsSingleFile(const std::string& path);

enum class Verdict { kNext, kYes, kNo };

// Format detection over the zip or folder at `path`: `decide` sees each entry in walk order
// (it may read it through `reader`) and says whether the export is of its format, is not, or
// to look at the next entry. Refused entries are passed over, and a Slack export's users.json
// or channels.json answers no before `decide` sees it. False at the end of the walk, and for
// a path that opens as no export.
bool DetectByEntries(const std::string& path,
                     const std::function<Verdict(std::string_view entry_path,
                                                 archive::ExportReader& reader)>& decide);

}  // namespace holdfast::engine
