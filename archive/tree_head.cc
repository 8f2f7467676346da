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
constexpr std::string_view kHandoverPrefix = "handover ";
constexpr size_t kFingerprintHexSize = 16;
constexpr size_t kRawKeySize = 32;
// A head carries its signer's line and at most the retiring key's; a few more are refused
// rather than read without bound.
constexpr size_t kMaxSignatureLines = 4;
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

// "handover <size> <base64 root> <old key fingerprint> <base64 new key>".
tl::expected<Handover, Error> ParseHandover(std::string_view line) {
  if (!line.starts_with(kHandoverPrefix)) {
    return tl::unexpected(Malformed("the fifth body line is not a handover line"));
  }
  line.remove_prefix(kHandoverPrefix.size());
  std::vector<std::string_view> fields;
  while (!line.empty()) {
    const size_t space = line.find(' ');
    fields.push_back(line.substr(0, space));
    line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  }
  if (fields.size() != 4) {
    return tl::unexpected(
        Malformed("the handover line must be: handover <size> <root> <old key> <new key>"));
  }
  Handover handover;
  const auto size = ParseSize(fields[0]);
  const auto root = internal::Base64Decode(fields[1]);
  const auto key = internal::Base64Decode(fields[3]);
  if (!size || !root || root->size() != handover.root.size()) {
    return tl::unexpected(Malformed("the handover line does not name a head by size and root"));
  }
  if (fields[2].size() != kFingerprintHexSize || !internal::HexDecode(fields[2])) {
    return tl::unexpected(Malformed("the handover line's old key is not 16 hex digits"));
  }
  if (!key || key->size() != kRawKeySize) {
    return tl::unexpected(Malformed("the handover line's new key is not a base64 Ed25519 key"));
  }
  handover.size = *size;
  std::memcpy(handover.root.data(), root->data(), handover.root.size());
  handover.old_key = std::string(fields[2]);
  handover.new_public_key = *key;
  return handover;
}

tl::expected<void, Error> ParseBody(std::string_view body, TreeHead& head) {
  const auto lines = Lines(body);
  if (!lines || (lines->size() != 4 && lines->size() != 5)) {
    return tl::unexpected(
        Malformed("the body must be four lines (origin, size, root, time) and a handover line "
                  "at most"));
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
  if (lines->size() == 5) {
    auto handover = ParseHandover((*lines)[4]);
    if (!handover) {
      return tl::unexpected(handover.error());
    }
    head.handover = std::move(*handover);
  }
  return {};
}

tl::expected<NoteSignature, Error> ParseSignatureLine(std::string_view line,
                                                      const std::string& origin) {
  if (!line.starts_with(kSignaturePrefix)) {
    return tl::unexpected(Malformed("the signature line does not start with \"\u2014 \""));
  }
  line.remove_prefix(kSignaturePrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || line.substr(0, space) != origin) {
    return tl::unexpected(Malformed("the signature line does not name the origin"));
  }
  const auto blob = internal::Base64Decode(line.substr(space + 1));
  if (!blob || blob->size() != kHintSize + kSignatureSize) {
    return tl::unexpected(Malformed("the signature is not base64 of a key hint and 64 bytes"));
  }
  NoteSignature parsed;
  std::memcpy(parsed.key_hint.data(), blob->data(), kHintSize);
  parsed.signature = blob->substr(kHintSize);
  return parsed;
}

tl::expected<void, Error> ParseSignatureLines(std::string_view signatures, TreeHead& head) {
  const auto lines = Lines(signatures);
  if (!lines || lines->empty() || lines->size() > kMaxSignatureLines) {
    return tl::unexpected(Malformed(std::string("expected one to ") +
                                    std::to_string(kMaxSignatureLines) +
                                    " signature lines after the blank line"));
  }
  for (size_t i = 0; i < lines->size(); ++i) {
    auto parsed = ParseSignatureLine((*lines)[i], head.origin);
    if (!parsed) {
      return tl::unexpected(parsed.error());
    }
    if (i == 0) {
      head.key_hint = parsed->key_hint;
      head.signature = std::move(parsed->signature);
    } else {
      head.cosignatures.push_back(std::move(*parsed));
    }
  }
  return {};
}

std::string SignatureLine(const std::string& origin, const std::array<uint8_t, kHintSize>& hint,
                          const std::string& signature) {
  std::string blob(reinterpret_cast<const char*>(hint.data()), hint.size());
  blob += signature;
  std::string line(kSignaturePrefix);
  line += origin;
  line += ' ';
  line += internal::Base64Encode(blob);
  line += '\n';
  return line;
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
  if (handover.has_value()) {
    body += kHandoverPrefix;
    body += std::to_string(handover->size);
    body += ' ';
    body += internal::Base64Encode(internal::AsBytes(handover->root));
    body += ' ';
    body += handover->old_key;
    body += ' ';
    body += internal::Base64Encode(handover->new_public_key);
    body += '\n';
  }
  return body;
}

std::string TreeHead::Note() const {
  std::string note = Body();
  note += '\n';
  note += SignatureLine(origin, key_hint, signature);
  for (const NoteSignature& cosignature : cosignatures) {
    note += SignatureLine(origin, cosignature.key_hint, cosignature.signature);
  }
  return note;
}

std::string Handover::NewKeyPem() const { return internal::PublicPemFromRaw(new_public_key); }

tl::expected<TreeHead, Error> SignHead(const Signer& signer, std::string origin, uint64_t size,
                                       const Hash& root, int64_t time_us,
                                       std::optional<Handover> handover) {
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
  head.handover = std::move(handover);
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
  if (auto line = ParseSignatureLines(note.substr(blank + 2), head); !line) {
    return tl::unexpected(line.error());
  }
  return head;
}

tl::expected<void, Error> Cosign(TreeHead& head, const Signer& signer) {
  const auto hint = KeyHint(head.origin, signer.public_pem());
  if (!hint) {
    return tl::unexpected(Error{"", std::nullopt, "the cosigner's public key is not Ed25519"});
  }
  auto signature = signer.Sign(head.Body());
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  head.cosignatures.push_back(NoteSignature{*hint, std::move(*signature)});
  return {};
}

bool VerifyHead(const TreeHead& head, std::string_view public_pem) {
  const auto hint = KeyHint(head.origin, public_pem);
  return hint.has_value() && *hint == head.key_hint &&
         VerifySignature(public_pem, head.Body(), head.signature);
}

bool VerifyCosignature(const TreeHead& head, std::string_view public_pem) {
  const auto hint = KeyHint(head.origin, public_pem);
  if (!hint) {
    return false;
  }
  const std::string body = head.Body();
  for (const NoteSignature& cosignature : head.cosignatures) {
    if (cosignature.key_hint == *hint && VerifySignature(public_pem, body, cosignature.signature)) {
      return true;
    }
  }
  return false;
}

std::string KeyHintHex(std::string_view origin, std::string_view public_pem) {
  const auto hint = KeyHint(origin, public_pem);
  return hint ? KeyHintHex(*hint) : std::string();
}

std::string KeyHintHex(const std::array<uint8_t, 4>& hint) {
  return internal::HexEncode(
      std::string_view(reinterpret_cast<const char*>(hint.data()), hint.size()));
}

}  // namespace holdfast::archive
