// The MIME groundwork of an RSMF file (rsmf.h): the dates its headers and texts carry, header
// fields folded within 78 columns (RFC 5322) with encoded-words for anything but printable ASCII
// (RFC 2047), and the quoted-printable and base64 transfer encodings (RFC 2045), all 7-bit with
// CRLF line ends.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace holdfast::engine::rsmf {

// "Tue, 02 Jan 2024 09:30:00 +0000"
std::string Rfc5322Date(int64_t time_us);

// "2024-01-02", the UTC day of `time_us`.
std::string Day(int64_t time_us);

// Base64 in lines of 76 characters, each ended by CRLF.
std::string Base64Lines(std::string_view bytes);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in '\n' (a '\r' before it is
// dropped): hard line breaks become CRLF, encoded lines stay within 76 characters.
std::string QuotedPrintable(std::string_view text);

// An unstructured header field (Subject, X-*) ending in CRLF: printable ASCII is folded at its
// spaces; anything else, or a word too long for a line, is written as encoded-words.
std::string UnstructuredHeader(std::string_view name, std::string_view value);

// A mailbox header field ending in CRLF: `display` as a quoted string (ASCII) or encoded-words
// (anything else), then <addr>.
std::string MailboxHeader(std::string_view name, std::string_view display, std::string_view addr);

// "holdfast/Abc_1" -> "holdfast-abc-1": lowercase letters, digits and single hyphens, at most
// 63 characters; "" when `text` has no letter or digit.
std::string HostLabel(std::string_view text);

// The local part of an address: dot-atom text from the slug.
std::string LocalPart(std::string_view text);

}  // namespace holdfast::engine::rsmf
