// HTTPS: given a certificate and key, the server speaks TLS (1.2 or newer) and nothing else, its
// session cookie is Secure, and a certificate or key it cannot use is an error naming the file.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

class ServerHttpsTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    Poco::Net::initializeSSL();
    // A self-signed certificate for 127.0.0.1, made by the openssl command.
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
        "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        key_.string() + " -out " + cert_.string() + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    auto server = Server::Start({.archive_dir = archive_dir_,
                                 .port = 0,
                                 .tls_certificate = cert_,
                                 .tls_private_key = key_});
    ASSERT_TRUE(server.has_value()) << server.error().message;
    https_ = std::move(*server);
  }

  void TearDown() override {
    https_.reset();
    Poco::Net::uninitializeSSL();
  }

  // A client that trusts `ca` only.
  Poco::Net::Context::Ptr Trusting(const std::filesystem::path& ca) {
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", ca.string(),
                                  Poco::Net::Context::VERIFY_STRICT, 9, false);
  }

  std::filesystem::path cert_ = dir_.path() / "cert.pem";
  std::filesystem::path key_ = dir_.path() / "key.pem";
  std::unique_ptr<Server> https_;
};

TEST_F(ServerHttpsTest, ServesTheApiOverTlsToAClientTrustingTheCertificate) {
  Poco::Net::HTTPSClientSession session("127.0.0.1", https_->port(), Trusting(cert_));
  Response head = Exchange(session, "GET", "/api/v1/head", Bearer(tokens_.at("admin")));
  ASSERT_EQ(head.status, 200) << head.body;
  EXPECT_EQ(head.json()["records"], Get("/api/v1/head").json()["records"]);
  Response index = Exchange(session, "GET", "/", {});
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
}

TEST_F(ServerHttpsTest, MarksTheSessionCookieSecure) {
  Poco::Net::HTTPSClientSession session("127.0.0.1", https_->port(), Trusting(cert_));
  Response login =
      Exchange(session, "POST", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}},
               "token=" + tokens_.at("cm"));
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.header("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
}

TEST_F(ServerHttpsTest, RefusesPlainHttpOnTheTlsPort) {
  Poco::Net::HTTPClientSession plain("127.0.0.1", https_->port());
  plain.setTimeout(Poco::Timespan(5, 0));
  EXPECT_ANY_THROW(Exchange(plain, "GET", "/api/v1/head", Bearer(tokens_.at("admin"))));
}

TEST_F(ServerHttpsTest, AClientTrustingAnotherCertificateRefusesTheServer) {
  const auto other_cert = dir_.path() / "other.pem";
  const auto other_key = dir_.path() / "other-key.pem";
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
      "/CN=127.0.0.1 -keyout " +
      other_key.string() + " -out " + other_cert.string() + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  Poco::Net::HTTPSClientSession session("127.0.0.1", https_->port(), Trusting(other_cert));
  EXPECT_ANY_THROW(Exchange(session, "GET", "/api/v1/head", Bearer(tokens_.at("admin"))));
}

TEST_F(ServerHttpsTest, NamesACertificateOrKeyItCannotRead) {
  const auto missing = dir_.path() / "missing.pem";
  auto no_cert = Server::Start({.archive_dir = archive_dir_,
                                .port = 0,
                                .tls_certificate = missing,
                                .tls_private_key = key_});
  ASSERT_FALSE(no_cert.has_value());
  EXPECT_EQ(no_cert.error().message,
            "cannot read the TLS certificate " + missing.string() + ": No such file or directory");
  auto no_key = Server::Start({.archive_dir = archive_dir_,
                               .port = 0,
                               .tls_certificate = cert_,
                               .tls_private_key = missing});
  ASSERT_FALSE(no_key.has_value());
  EXPECT_EQ(no_key.error().message,
            "cannot read the TLS private key " + missing.string() + ": No such file or directory");
  // A file that is there but holds no certificate.
  auto not_a_cert = Server::Start({.archive_dir = archive_dir_,
                                   .port = 0,
                                   .tls_certificate = dir_.Write("junk.pem", "not a certificate"),
                                   .tls_private_key = key_});
  ASSERT_FALSE(not_a_cert.has_value());
  EXPECT_TRUE(not_a_cert.error().message.starts_with("cannot use the TLS certificate " +
                                                     (dir_.path() / "junk.pem").string()))
      << not_a_cert.error().message;
  auto half = Server::Start({.archive_dir = archive_dir_, .port = 0, .tls_certificate = cert_});
  ASSERT_FALSE(half.has_value());
  EXPECT_EQ(half.error().message, "HTTPS needs both a certificate and a private key");
}

}  // namespace
}  // namespace holdfast::api
