// fuzz_yammer_csv: the fuzzed bytes twice over. First as the body of a Yammer Messages.csv
// under the export's own header, read by the Yammer source. Then straight through
// engine::CsvRecords, once whole and once in pieces of a size the first byte picks: the
// records must be the same however the input arrives, since a Messages.csv is streamed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sources/csv_records.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using holdfast::engine::CsvRecords;
using holdfast::fuzz::Fail;

constexpr std::string_view kHeader =
    "id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,"
    "in_private_group,in_private_conversation,sender_id,sender_type,sender_name,sender_email,"
    "body,api_url,attachments,deleted_by_id,deleted_by_type,created_at,deleted_at\r\n";
constexpr uint64_t kMaxRecordBytes = 1024;

// Every record of `bytes`, fed `piece` bytes at a time.
std::vector<CsvRecords::Record> ReadRecords(std::string_view bytes, size_t piece) {
  size_t offset = 0;
  CsvRecords records(
      [&](char* data, size_t size) -> tl::expected<size_t, holdfast::engine::Error> {
        const size_t n = std::min({size, piece, bytes.size() - offset});
        std::copy_n(bytes.data() + offset, n, data);
        offset += n;
        return n;
      },
      kMaxRecordBytes);
  std::vector<CsvRecords::Record> out;
  CsvRecords::Record record;
  for (;;) {
    auto more = records.Next(record);
    if (!more) {
      Fail("CsvRecords failed on input it was given whole: " + more.error().ToString());
    }
    if (!*more) {
      return out;
    }
    if (!out.empty() && record.line <= out.back().line) {
      Fail("record at line " + std::to_string(record.line) + " follows one at line " +
           std::to_string(out.back().line));
    }
    if (record.problem.empty() && record.fields.empty()) {
      Fail("a record at line " + std::to_string(record.line) + " has no fields and no problem");
    }
    out.push_back(record);
    if (out.size() > bytes.size() + 1) {
      Fail("more records than input bytes: Next() does not end");
    }
  }
}

void CheckCsvRecords(std::string_view bytes, size_t piece) {
  const auto whole = ReadRecords(bytes, bytes.size() + 1);
  const auto pieces = ReadRecords(bytes, piece);
  if (whole.size() != pieces.size()) {
    Fail(std::to_string(whole.size()) + " records read whole, " + std::to_string(pieces.size()) +
         " read " + std::to_string(piece) + " bytes at a time");
  }
  for (size_t i = 0; i < whole.size(); ++i) {
    const auto& a = whole[i];
    const auto& b = pieces[i];
    if (a.fields != b.fields || a.line != b.line || a.raw != b.raw || a.problem != b.problem) {
      Fail("record " + std::to_string(i + 1) + " (line " + std::to_string(a.line) +
           ") differs when read " + std::to_string(piece) + " bytes at a time");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string file(kHeader);
  file.append(bytes);
  const auto path = holdfast::fuzz::WriteScratch("Messages.csv", file);
  holdfast::fuzz::OpenAndDrain(path, "yammer", size);

  const size_t piece = size == 0 ? 1 : size_t{1} + data[0] % 16;
  CheckCsvRecords(bytes, piece);
  return 0;
}
