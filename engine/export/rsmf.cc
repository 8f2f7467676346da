// The RSMF message: RFC 5322 headers, a quoted-printable text body and rsmf.zip in base64. The
// message carries X-RSMF-Version (the one required header), X-RSMF-Generator, -BeginDate,
// -EndDate, -EventCount, and the 2.0 headers -Application, -Participants, -AttachmentCount and
// -EventCollectionID. X-RSMF-Custodian is left out: a slice does not say whose data it is. The
// manifest is built in rsmf_manifest.cc, the text body in rsmf_text_body.cc, the encodings in
// rsmf_mime.cc.
#include "engine/export/rsmf.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "archive/merkle.h"
#include "archive/record.h"
#include "archive/zip_writer.h"
#include "engine/export/rsmf_events.h"
#include "engine/export/rsmf_mime.h"
#include "engine/export/rsmf_text_body.h"
#include "engine/time_format.h"

namespace holdfast::engine {
namespace {

constexpr std::string_view kGenerator = "Holdfast";
constexpr std::string_view kManifestName = "rsmf_manifest.json";
constexpr std::string_view kZipName = "rsmf.zip";

// rsmf.zip: the manifest, its one entry.
tl::expected<std::string, Error> ManifestZip(const std::string& manifest) {
  std::string zip;
  {
    auto writer = archive::ZipWriter::CreateInMemory(zip, std::string(kZipName));
    if (!writer) {
      return tl::unexpected(FromArchive(writer.error()));
    }
    if (auto added = (*writer)->Add(kManifestName, manifest); !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
    if (auto closed = (*writer)->Close(); !closed) {
      return tl::unexpected(FromArchive(closed.error()));
    }
  }
  return zip;
}

// What the message is known by besides the slice: ids from the content, so that the same slice
// and context always give the same message.
struct Envelope {
  std::string digest;    // hex SHA-256 of the context, the slice's ids, the manifest and the body
  std::string boundary;  // of the multipart body
  std::string host;      // the domain of the message's addresses and Message-ID
};

Envelope MakeEnvelope(const ConversationSlice& slice, const ExportContext& context,
                      const std::string& manifest, const std::string& body) {
  std::string digest_input;
  for (const std::string* part :
       {&context.origin, &context.case_name, &context.selection, &context.exported_by, &slice.slug,
        &slice.conversation_id, &manifest, &body}) {
    digest_input += std::to_string(part->size()) + ":" + *part;
  }
  digest_input += std::to_string(context.head_size) + ":" + std::to_string(context.head_time_us);
  Envelope envelope;
  envelope.digest = archive::ToHex(archive::Sha256(digest_input));
  envelope.boundary = "=_holdfast_rsmf_" + envelope.digest.substr(32, 32);
  const std::string origin_label = rsmf::HostLabel(context.origin);
  envelope.host = (origin_label.empty() ? std::string("holdfast") : origin_label) + ".invalid";
  return envelope;
}

int64_t FirstTime(const ConversationSlice& slice) {
  return slice.posts.empty() ? slice.day_start_us : slice.posts.front().post.created_us;
}

int64_t LastTime(const ConversationSlice& slice) {
  return slice.posts.empty() ? slice.day_start_us : slice.posts.back().post.created_us;
}

// From, To, Subject, Date, Message-ID and MIME-Version.
void AppendMessageHeaders(std::string& out, const ConversationSlice& slice,
                          const Envelope& envelope) {
  const std::string& host = envelope.host;
  const std::string title = slice.title.empty() ? slice.conversation_id : slice.title;
  out += rsmf::MailboxHeader("From", "Holdfast export", "holdfast-export@" + host);
  out += rsmf::MailboxHeader("To", title, rsmf::LocalPart(slice.slug) + "@" + host);
  out += rsmf::UnstructuredHeader("Subject", title + " - " + rsmf::Day(slice.day_start_us));
  out += "Date: " + rsmf::Rfc5322Date(FirstTime(slice)) + "\r\n";
  out += "Message-ID: <" + envelope.digest.substr(0, 32) + "@" + host + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
}

void AppendRsmfHeaders(std::string& out, const ConversationSlice& slice) {
  std::string participant_names;
  for (const rsmf::Participant& participant : rsmf::Participants(slice)) {
    participant_names +=
        participant_names.empty() ? participant.display : ", " + participant.display;
  }
  out += "X-RSMF-Version: " + std::string(rsmf::kVersion) + "\r\n";
  out += "X-RSMF-Generator: " + std::string(kGenerator) + "\r\n";
  out += rsmf::UnstructuredHeader("X-RSMF-Application", rsmf::ApplicationName(slice.source));
  if (!slice.posts.empty()) {
    out += "X-RSMF-BeginDate: " + FormatRfc3339(FirstTime(slice)) + "\r\n";
    out += "X-RSMF-EndDate: " + FormatRfc3339(LastTime(slice)) + "\r\n";
  }
  out += "X-RSMF-EventCount: " + std::to_string(slice.posts.size()) + "\r\n";
  out += "X-RSMF-AttachmentCount: 0\r\n";
  if (!participant_names.empty()) {
    out += rsmf::UnstructuredHeader("X-RSMF-Participants", participant_names);
  }
  out += rsmf::UnstructuredHeader("X-RSMF-EventCollectionID", rsmf::EventCollectionId(slice));
}

void AppendHoldfastHeaders(std::string& out, const ConversationSlice& slice,
                           const ExportContext& context) {
  if (!context.case_name.empty()) {
    out += rsmf::UnstructuredHeader("X-Holdfast-Case", context.case_name);
  }
  if (!context.selection.empty()) {
    out += rsmf::UnstructuredHeader("X-Holdfast-Selection", context.selection);
  }
  if (!context.exported_by.empty()) {
    out += rsmf::UnstructuredHeader("X-Holdfast-Exported-By", context.exported_by);
  }
  if (!context.origin.empty()) {
    out += rsmf::UnstructuredHeader("X-Holdfast-Origin", context.origin);
  }
  out += "X-Holdfast-Head-Size: " + std::to_string(context.head_size) + "\r\n";
  out += rsmf::UnstructuredHeader("X-Holdfast-Slice", slice.slug);
}

}  // namespace

std::string RsmfPath(const ConversationSlice& slice) { return "rsmf/" + slice.slug + ".rsmf"; }

tl::expected<std::string, Error> RsmfFile(const ConversationSlice& slice,
                                          const ExportContext& context) {
  const std::string manifest = RsmfManifest(slice);
  const auto zip = ManifestZip(manifest);
  if (!zip) {
    return tl::unexpected(zip.error());
  }
  const std::string body = rsmf::TextBody(slice, context);
  const Envelope envelope = MakeEnvelope(slice, context, manifest, body);
  const std::string& boundary = envelope.boundary;

  std::string out;
  AppendMessageHeaders(out, slice, envelope);
  AppendRsmfHeaders(out, slice);
  AppendHoldfastHeaders(out, slice, context);
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is an RSMF 2.0 message in MIME format.\r\n";
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=\"utf-8\"\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += rsmf::QuotedPrintable(body);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: application/zip; name=\"rsmf.zip\"\r\n";
  out += "Content-Disposition: attachment; filename=\"rsmf.zip\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += rsmf::Base64Lines(*zip);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace holdfast::engine
