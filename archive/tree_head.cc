#include "archive/tree_head.h"

#include <charconv>
#include <cstring>
#include <optional>
#include <vector>

#include "archive/internal/digest.h"
#include "archive/internal/encoding.h"
#include "archive/internal/signer_keys.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace {

// U+2014 EM DASH and a space open every signature line of a C2SP signed note.
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";
constexpr std::string_view kTimePrefix = "time ";
constexpr size_t kHintSize = 4;
constexpr size_t kSignatureSize = 64;
constexpr uint8_t kEd25519SignatureType = 0x01;

Error Malformed(std::string reason) {
  return Error{"", std::nullopt, "malformed tree head note: " + std::move(reason)};
}

// C2SP key names hold no whitespace and no '+', so that a signature line splits one way only.
bool IsValidOrigin(std::string_view origin) {
  if (origin.empty()) {
    return false;
  }
  for (char c : origin) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '+' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

std::optional<std::array<uint8_t, kHintSize>> KeyHint(std::string_view origin,
                                                      std::string_view public_pem) {
  const std::optional<std::string> raw = internal::RawPublicKey(public_pem);
  if (!raw) {
    return std::nullopt;
  }
  const char type = static_cast<char>(kEd25519SignatureType);
  const Hash digest = internal::Sha256Parts({origin, "\n", std::string_view(&type, 1), *raw});
  std::array<uint8_t, kHintSize> hint{};
  std::memcpy(hint.data(), digest.data(), hint.size());
  return hint;
}

std::optional<uint64_t> ParseSize(std::string_view text) {
  // Decimal without sign or leading zeros: the body must have one spelling only.
  if (text.empty() || (text.size() > 1 && text[0] == '0')) {
    return std::nullopt;
  }
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Splits `text` into lines that each end with '\n'; nullopt if the last one does not.
std::optional<std::vector<std::string_view>> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return lines;
}

tl::expected<void, Error> ParseBody(std::string_view body, TreeHead& head) {
  const auto lines = Lines(body);
  if (!lines || lines->size() != 4) {
    return tl::unexpected(Malformed("the body must be four lines: origin, size, root, time"));
  }
  head.origin = std::string((*lines)[0]);
  if (!IsValidOrigin(head.origin)) {
    return tl::unexpected(Malformed("the origin line is empty or holds spaces or '+'"));
  }
  const auto size = ParseSize((*lines)[1]);
  if (!size) {
    return tl::unexpected(Malformed("the size line is not a decimal number"));
  }
  head.size = *size;
  const auto root = internal::Base64Decode((*lines)[2]);
  if (!root || root->size() != head.root.size()) {
    return tl::unexpected(Malformed("the root line is not a base64 SHA-256 hash"));
  }
  std::memcpy(head.root.data(), root->data(), head.root.size());
  const std::string_view time = (*lines)[3];
  const auto time_us = time.starts_with(kTimePrefix)
                           ? internal::ParseRfc3339Micros(time.substr(kTimePrefix.size()))
                           : std::nullopt;
  if (!time_us) {
    return tl::unexpected(Malformed("the time line is not \"time YYYY-MM-DDTHH:MM:SS.ffffffZ\""));
  }
  head.time_us = *time_us;
  return {};
}

tl::expected<void, Error> ParseSignatureLine(std::string_view signatures, TreeHead& head) {
  const auto lines = Lines(signatures);
  if (!lines || lines->size() != 1) {
    return tl::unexpected(Malformed("expected exactly one signature line after the blank line"));
  }
  std::string_view line = (*lines)[0];
  if (!line.starts_with(kSignaturePrefix)) {
    return tl::unexpected(Malformed("the signature line does not start with \"\u2014 \""));
  }
  line.remove_prefix(kSignaturePrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || line.substr(0, space) != head.origin) {
    return tl::unexpected(Malformed("the signature line does not name the origin"));
  }
  const auto blob = internal::Base64Decode(line.substr(space + 1));
  if (!blob || blob->size() != kHintSize + kSignatureSize) {
    return tl::unexpected(Malformed("the signature is not base64 of a key hint and 64 bytes"));
  }
  std::memcpy(head.key_hint.data(), blob->data(), kHintSize);
  head.signature = blob->substr(kHintSize);
  return {};
}

}  // namespace

std::string TreeHead::Body() const {
  // A time outside years 0000-9999 has no RFC 3339 form; the empty time then fails to verify.
  const std::string time = internal::FormatRfc3339Micros(time_us).value_or("");
  std::string body;
  body += origin;
  body += '\n';
  body += std::to_string(size);
  body += '\n';
  body += internal::Base64Encode(internal::AsBytes(root));
  body += '\n';
  body += kTimePrefix;
  body += time;
  body += '\n';
  return body;
}

std::string TreeHead::Note() const {
  std::string blob(reinterpret_cast<const char*>(key_hint.data()), key_hint.size());
  blob += signature;
  std::string note = Body();
  note += '\n';
  note += kSignaturePrefix;
  note += origin;
  note += ' ';
  note += internal::Base64Encode(blob);
  note += '\n';
  return note;
}

tl::expected<TreeHead, Error> SignHead(const Signer& signer, std::string origin, uint64_t size,
                                       const Hash& root, int64_t time_us) {
  if (!IsValidOrigin(origin)) {
    return tl::unexpected(
        Error{"", std::nullopt, "a tree head origin must be non-empty without spaces or '+'"});
  }
  if (!internal::FormatRfc3339Micros(time_us)) {
    return tl::unexpected(Error{"", std::nullopt, "the head time is outside years 0000-9999"});
  }
  const auto hint = KeyHint(origin, signer.public_pem());
  if (!hint) {
    return tl::unexpected(Error{"", std::nullopt, "the signer's public key is not Ed25519"});
  }
  TreeHead head;
  head.origin = std::move(origin);
  head.size = size;
  head.root = root;
  head.time_us = time_us;
  head.key_hint = *hint;
  auto signature = signer.Sign(head.Body());
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  head.signature = std::move(*signature);
  return head;
}

tl::expected<TreeHead, Error> ParseNote(std::string_view note) {
  const size_t blank = note.find("\n\n");
  if (blank == std::string_view::npos) {
    return tl::unexpected(Malformed("no blank line between body and signature"));
  }
  TreeHead head;
  if (auto body = ParseBody(note.substr(0, blank + 1), head); !body) {
    return tl::unexpected(body.error());
  }
  if (auto line = ParseSignatureLine(note.substr(blank + 2), head); !line) {
    return tl::unexpected(line.error());
  }
  return head;
}

bool VerifyHead(const TreeHead& head, std::string_view public_pem) {
  const auto hint = KeyHint(head.origin, public_pem);
  return hint.has_value() && *hint == head.key_hint &&
         VerifySignature(public_pem, head.Body(), head.signature);
}

}  // namespace holdfast::archive
