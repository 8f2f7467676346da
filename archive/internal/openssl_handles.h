// RAII owners for OpenSSL's C handles, the one place archive/ frees them.
// Thread safety: per-thread (a handle is never shared; EVP_PKEY is read-only once built and
// may be shared, but its owner is not).
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

namespace holdfast::archive::internal {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
struct MdFree {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
using Md = std::unique_ptr<EVP_MD, MdFree>;  // a fetched algorithm (EVP_MD_fetch)

struct BioFree {
  void operator()(BIO* bio) const { BIO_free_all(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// RFC 3161 (timestamp.cc).
struct TsReqFree {
  void operator()(TS_REQ* req) const { TS_REQ_free(req); }
};
using TsReq = std::unique_ptr<TS_REQ, TsReqFree>;

struct TsRespFree {
  void operator()(TS_RESP* resp) const { TS_RESP_free(resp); }
};
using TsResp = std::unique_ptr<TS_RESP, TsRespFree>;

struct TsMsgImprintFree {
  void operator()(TS_MSG_IMPRINT* imprint) const { TS_MSG_IMPRINT_free(imprint); }
};
using TsMsgImprint = std::unique_ptr<TS_MSG_IMPRINT, TsMsgImprintFree>;

struct TsTstInfoFree {
  void operator()(TS_TST_INFO* info) const { TS_TST_INFO_free(info); }
};
using TsTstInfo = std::unique_ptr<TS_TST_INFO, TsTstInfoFree>;

struct TsVerifyCtxFree {
  void operator()(TS_VERIFY_CTX* ctx) const { TS_VERIFY_CTX_free(ctx); }
};
using TsVerifyCtx = std::unique_ptr<TS_VERIFY_CTX, TsVerifyCtxFree>;

struct Pkcs7Free {
  void operator()(PKCS7* p7) const { PKCS7_free(p7); }
};
using Pkcs7 = std::unique_ptr<PKCS7, Pkcs7Free>;

struct X509AlgorFree {
  void operator()(X509_ALGOR* algor) const { X509_ALGOR_free(algor); }
};
using X509Algor = std::unique_ptr<X509_ALGOR, X509AlgorFree>;

struct X509StoreFree {
  void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
using X509Store = std::unique_ptr<X509_STORE, X509StoreFree>;

struct Asn1IntegerFree {
  void operator()(ASN1_INTEGER* value) const { ASN1_INTEGER_free(value); }
};
using Asn1Integer = std::unique_ptr<ASN1_INTEGER, Asn1IntegerFree>;

struct BignumFree {
  void operator()(BIGNUM* value) const { BN_free(value); }
};
using Bignum = std::unique_ptr<BIGNUM, BignumFree>;

}  // namespace holdfast::archive::internal
