// What every source needs of an export's shape before it reads it: a file's name in an
// entry path, whether a path is one file or a container (zip or folder), and format detection
// by the entries of a container.
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/export_reader.h"
#include "engine/error.h"
#include "engine/source.h"

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

// One step of a source's reading walk over the zip or folder at `source_path`: the next entry
// that `wanted` accepts (by its path), read whole.
struct EntryRead {
  std::string name;   // "export.zip!a/b.json" or "folder/a/b.json": the file of its dead letters
  std::string bytes;  // empty when dead_letter is set
  // A refused entry (".." in its name) or one that cannot be read: the source yields this,
  // and the walk goes on with the next entry.
  std::optional<DeadLetter> dead_letter;
};

// nullopt at the end of the walk; an Error when the walk cannot go on at all.
[[nodiscard]] tl::expected<std::optional<EntryRead>, Error> ReadNextEntry(
    archive::ExportReader& reader, const std::string& source_path,
    const std::function<bool(std::string_view entry_path)>& wanted);

// ReadNextEntry as a source's reading step: the entry's name goes to `file` and its bytes to
// `bytes`; a refused or unreadable entry becomes `item`'s dead letter, with `yielded` set.
// False at the end of the walk.
[[nodiscard]] tl::expected<bool, Error> ReadNextEntryInto(
    archive::ExportReader& reader, const std::string& source_path,
    const std::function<bool(std::string_view entry_path)>& wanted, std::string& file,
    std::string& bytes, SourceItem& item, bool& yielded);

}  // namespace holdfast::engine
