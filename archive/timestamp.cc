#include "archive/timestamp.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509_vfy.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "archive/internal/encoding.h"
#include "archive/internal/openssl_handles.h"
#include "archive/merkle.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

constexpr size_t kNonceBytes = 16;
constexpr std::string_view kKeyPrefix = "timestamp/";

Error TsError(std::string message) { return Error{"", std::nullopt, std::move(message)}; }

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// DER of an i2d_* result, freed here.
std::string TakeDer(unsigned char* der, int size) {
  std::string out = size > 0 && der != nullptr
                        ? std::string(reinterpret_cast<char*>(der), static_cast<size_t>(size))
                        : std::string();
  OPENSSL_free(der);
  return out;
}

internal::Pkcs7 ParseToken(std::string_view der) {
  if (der.size() > LONG_MAX) {
    return nullptr;
  }
  const unsigned char* in = Bytes(der);
  internal::Pkcs7 token(d2i_PKCS7(nullptr, &in, static_cast<long>(der.size())));
  if (token != nullptr && in != Bytes(der) + der.size()) {
    return nullptr;  // bytes after the token: not one reading only
  }
  return token;
}

// "2026-12-06T10:00:00Z" for the token's genTime.
std::string GenTime(const TS_TST_INFO* info) {
  const ASN1_GENERALIZEDTIME* time = TS_TST_INFO_get_time(info);
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    return "";
  }
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The token's TSTInfo, checked to timestamp exactly `digest` with SHA-256.
tl::expected<internal::TsTstInfo, Error> ImprintedInfo(PKCS7* token, const Hash& digest) {
  internal::TsTstInfo info(PKCS7_to_TS_TST_INFO(token));
  if (info == nullptr) {
    return tl::unexpected(TsError("the token holds no RFC 3161 TSTInfo"));
  }
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(info.get());
  const ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR_get0(&algorithm, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(imprint));
  if (algorithm == nullptr || OBJ_obj2nid(algorithm) != NID_sha256) {
    return tl::unexpected(TsError("the token's message imprint is not a SHA-256 hash"));
  }
  const ASN1_OCTET_STRING* message = TS_MSG_IMPRINT_get_msg(imprint);
  if (message == nullptr || ASN1_STRING_length(message) != static_cast<int>(digest.size()) ||
      std::memcmp(ASN1_STRING_get0_data(message), digest.data(), digest.size()) != 0) {
    return tl::unexpected(TsError("the token timestamps other bytes, not this head's signed body"));
  }
  return info;
}

}  // namespace

tl::expected<TimestampQuery, Error> MakeTimestampQuery(const TreeHead& head) {
  TimestampQuery query;
  query.imprint = Sha256(head.Body());
  internal::TsReq req(TS_REQ_new());
  internal::TsMsgImprint imprint(TS_MSG_IMPRINT_new());
  internal::X509Algor algorithm(X509_ALGOR_new());
  unsigned char nonce_bytes[kNonceBytes];
  if (req == nullptr || imprint == nullptr || algorithm == nullptr ||
      RAND_bytes(nonce_bytes, sizeof(nonce_bytes)) != 1) {
    return tl::unexpected(TsError("cannot build a timestamp query: out of memory or randomness"));
  }
  nonce_bytes[0] &= 0x7f;  // a positive INTEGER of the same length each time
  internal::Bignum nonce_number(BN_bin2bn(nonce_bytes, sizeof(nonce_bytes), nullptr));
  internal::Asn1Integer nonce(
      nonce_number == nullptr ? nullptr : BN_to_ASN1_INTEGER(nonce_number.get(), nullptr));
  if (nonce == nullptr || TS_REQ_set_version(req.get(), 1) != 1 ||
      X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(), query.imprint.data(),
                             static_cast<int>(query.imprint.size())) != 1 ||
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    return tl::unexpected(TsError("cannot build a timestamp query"));
  }
  unsigned char* der = nullptr;
  const int size = i2d_TS_REQ(req.get(), &der);
  query.der = TakeDer(der, size);
  if (query.der.empty()) {
    return tl::unexpected(TsError("cannot encode the timestamp query"));
  }
  return query;
}

tl::expected<std::string, Error> TokenFromResponse(const TimestampQuery& query,
                                                   std::string_view response_der) {
  if (response_der.size() > LONG_MAX || query.der.size() > LONG_MAX) {
    return tl::unexpected(TsError("the timestamp response is too large"));
  }
  const unsigned char* in = Bytes(response_der);
  internal::TsResp response(d2i_TS_RESP(nullptr, &in, static_cast<long>(response_der.size())));
  if (response == nullptr) {
    return tl::unexpected(TsError("the TSA's answer is not a DER TimeStampResp"));
  }
  const ASN1_INTEGER* status = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response.get()));
  const long granted = status == nullptr ? -1 : ASN1_INTEGER_get(status);
  if (granted != TS_STATUS_GRANTED && granted != TS_STATUS_GRANTED_WITH_MODS) {
    return tl::unexpected(
        TsError("the TSA refused the timestamp (status " + std::to_string(granted) + ")"));
  }
  PKCS7* token = TS_RESP_get_token(response.get());  // owned by the response
  if (token == nullptr) {
    return tl::unexpected(TsError("the TSA granted the timestamp but sent no token"));
  }
  auto info = ImprintedInfo(token, query.imprint);
  if (!info) {
    return tl::unexpected(info.error());
  }
  const unsigned char* query_in = Bytes(query.der);
  internal::TsReq req(d2i_TS_REQ(nullptr, &query_in, static_cast<long>(query.der.size())));
  const ASN1_INTEGER* asked = req == nullptr ? nullptr : TS_REQ_get_nonce(req.get());
  const ASN1_INTEGER* answered = TS_TST_INFO_get_nonce(info->get());
  if (asked == nullptr || answered == nullptr || ASN1_INTEGER_cmp(asked, answered) != 0) {
    return tl::unexpected(TsError("the token does not carry the query's nonce: a replayed answer"));
  }
  unsigned char* der = nullptr;
  const int size = i2d_PKCS7(token, &der);
  std::string out = TakeDer(der, size);
  if (out.empty()) {
    return tl::unexpected(TsError("cannot encode the token"));
  }
  return out;
}

tl::expected<Record, Error> TimestampRecord(const TreeHead& head, std::string_view token) {
  const Hash digest = Sha256(head.Body());
  auto gen_time = CheckTimestampImprint(token, digest);
  if (!gen_time) {
    return tl::unexpected(gen_time.error());
  }
  Record record;
  record.type = RecordType::kTimestamp;
  record.key = std::string(kKeyPrefix) + std::to_string(head.size) + "/" +
               ToHex(Sha256(token)).substr(0, 16);
  const nlohmann::ordered_json meta = {
      {"tree_size", head.size}, {"head_sha256", ToHex(digest)}, {"gen_time", *gen_time}};
  record.meta = meta.dump();
  record.content = internal::Base64Encode(token);
  return record;
}

tl::expected<TimestampEntry, Error> ParseTimestampRecord(const StoredRecord& stored) {
  const nlohmann::json meta = nlohmann::json::parse(stored.record.meta, nullptr, false);
  if (!meta.is_object() || !meta.contains("tree_size") || !meta["tree_size"].is_number_unsigned()) {
    return tl::unexpected(TsError("meta is not {\"tree_size\": N, ...}"));
  }
  if (stored.content_erased) {
    return tl::unexpected(TsError("the token was erased"));
  }
  auto token = internal::Base64Decode(stored.record.content);
  if (!token || token->empty()) {
    return tl::unexpected(TsError("content is not a base64 token"));
  }
  return TimestampEntry{meta["tree_size"].get<uint64_t>(), std::move(*token)};
}

tl::expected<std::string, Error> CheckTimestampImprint(std::string_view token, const Hash& digest) {
  internal::Pkcs7 parsed = ParseToken(token);
  if (parsed == nullptr) {
    return tl::unexpected(TsError("the token is not a DER TimeStampToken"));
  }
  auto info = ImprintedInfo(parsed.get(), digest);
  if (!info) {
    return tl::unexpected(info.error());
  }
  return GenTime(info->get());
}

tl::expected<std::string, Error> VerifyTimestampToken(std::string_view token, const Hash& digest,
                                                      const fs::path& ca_pem_file) {
  auto gen_time = CheckTimestampImprint(token, digest);
  if (!gen_time) {
    return tl::unexpected(gen_time.error());
  }
  internal::Pkcs7 parsed = ParseToken(token);
  internal::X509Store store(X509_STORE_new());
  if (store == nullptr || X509_STORE_load_file(store.get(), ca_pem_file.c_str()) != 1) {
    return tl::unexpected(
        Error{ca_pem_file.string(), std::nullopt, "cannot read the TSA's CA certificates"});
  }
  internal::TsVerifyCtx ctx(TS_VERIFY_CTX_new());
  unsigned char* imprint = static_cast<unsigned char*>(OPENSSL_malloc(digest.size()));
  if (ctx == nullptr || imprint == nullptr) {
    OPENSSL_free(imprint);
    return tl::unexpected(TsError("out of memory"));
  }
  std::memcpy(imprint, digest.data(), digest.size());
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, static_cast<long>(digest.size()));  // owns it
  TS_VERIFY_CTX_set_store(ctx.get(), store.release());                              // owns it
  TS_VERIFY_CTX_set_flags(ctx.get(),
                          TS_VFY_SIGNATURE | TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_SIGNER);
  if (TS_RESP_verify_token(ctx.get(), parsed.get()) != 1) {
    const unsigned long code = ERR_peek_last_error();
    char reason[256] = "";
    ERR_error_string_n(code, reason, sizeof(reason));
    ERR_clear_error();
    return tl::unexpected(TsError(
        std::string("the token's signature does not verify under the TSA CA (") + reason + ")"));
  }
  return gen_time;
}

TimestampReport VerifyTimestamps(const Archive& archive, const fs::path& ca_pem_file) {
  TimestampReport report;
  std::map<uint64_t, Hash> bodies;  // tree size -> SHA-256 of the head's signed body
  auto fail = [&report](uint64_t sequence, const std::string& why) {
    report.first_bad = sequence;
    report.message = "record " + std::to_string(sequence) + " (timestamp): " + why;
    return false;
  };
  auto walked = archive.ForEach([&](const StoredRecord& stored) {
    if (stored.record.type == RecordType::kTreeHead) {
      if (auto head = ParseNote(stored.record.meta)) {
        bodies[head->size] = Sha256(head->Body());
      }
      return true;
    }
    if (stored.record.type != RecordType::kTimestamp) {
      return true;
    }
    auto entry = ParseTimestampRecord(stored);
    if (!entry) {
      return fail(stored.sequence, entry.error().message);
    }
    const auto body = bodies.find(entry->tree_size);
    if (body == bodies.end()) {
      return fail(stored.sequence, "names a head of " + std::to_string(entry->tree_size) +
                                       " records that no earlier head record signs");
    }
    auto verified = VerifyTimestampToken(entry->token, body->second, ca_pem_file);
    if (!verified) {
      return fail(stored.sequence, verified.error().ToString());
    }
    ++report.tokens;
    return true;
  });
  if (!walked) {
    report.message = walked.error().ToString();
    return report;
  }
  report.ok = !report.first_bad.has_value();
  if (report.ok) {
    report.message =
        "ok: " + std::to_string(report.tokens) + " timestamp tokens verify under the TSA CA";
  }
  return report;
}

}  // namespace holdfast::archive
