// `github_token`, `entropy` and `secret_value`.
//
// GitHub tokens here are made up: the 30 (or 70) random characters were chosen by hand and
// the six checksum characters computed with a throwaway script (zlib's crc32 over the random
// part, Base62 0-9A-Za-z, padded with '0'), the algorithm confirmed first against revoked
// real tokens quoted in public scanner rules (see rules/validators/github_token.cc). The
// hard negatives are the plausible wrong readings of that algorithm.
#include <gtest/gtest.h>

#include <string>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

constexpr char kToken[] = "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";

TEST(GithubTokenTest, AcceptsTokensWhoseChecksumMatches) {
  EXPECT_TRUE(ValidGithubToken(kToken));  // the checksum itself is padded: 0lmxnT
  EXPECT_TRUE(ValidGithubToken("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"));
  EXPECT_TRUE(ValidGithubToken("ghu_HoldfastValidatorTestBody012340lmxnT"));
  EXPECT_TRUE(ValidGithubToken(
      "ghr_HoldfastRefreshTokenBody0123456789012345678901234567890123456789abcdef3z1Fbw"));
}

TEST(GithubTokenTest, AcceptsTokensWithoutAPublicChecksumByShape) {
  EXPECT_TRUE(ValidGithubToken("ghs_HoldfastValidatorTestBody01234ZZZZZZ"));
  EXPECT_TRUE(
      ValidGithubToken("github_pat_11HOLDFAST0TestToken01_"
                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"));
}

TEST(GithubTokenTest, RejectsTheWrongReadingsOfTheChecksum) {
  EXPECT_FALSE(ValidGithubToken("ghp_HoldfastValidatorTestBody012340lmxnU"));  // off by one
  EXPECT_FALSE(ValidGithubToken("ghp_HoldfastValidatorTestBody012350lmxnT"));  // body changed
  EXPECT_FALSE(ValidGithubToken("ghp_HoldfastValidatorTestBody012340LMXNt"));  // 0-9a-zA-Z
  EXPECT_FALSE(ValidGithubToken("ghp_HoldfastValidatorTestBody01234lmxnT"));   // unpadded
  EXPECT_FALSE(ValidGithubToken("ghp_HoldfastValidatorTestBody0123424Fk6G"));  // CRC of prefix
}

TEST(GithubTokenTest, RejectsOtherPrefixesAndLengths) {
  EXPECT_FALSE(ValidGithubToken("ghx_HoldfastValidatorTestBody012340lmxnT"));
  EXPECT_FALSE(ValidGithubToken("GHP_HoldfastValidatorTestBody012340lmxnT"));
  EXPECT_FALSE(ValidGithubToken("ghp-HoldfastValidatorTestBody012340lmxnT"));
  EXPECT_FALSE(ValidGithubToken("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x"));
  EXPECT_FALSE(ValidGithubToken("ghs_HoldfastValidatorTestBody01234ZZZZZ"));
  EXPECT_FALSE(ValidGithubToken("ghs_HoldfastValidatorTestBody01234ZZZZ-Z"));
  EXPECT_FALSE(ValidGithubToken("ghp_"));
  EXPECT_FALSE(ValidGithubToken("gh"));
  EXPECT_FALSE(ValidGithubToken("github_pat_11HOLDFAST0TestToken01"));
  EXPECT_FALSE(
      ValidGithubToken("github_pat_11HOLDFAST0TestToken01-"
                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"));
  EXPECT_FALSE(ValidGithubToken(std::string(kToken) + " "));
  EXPECT_FALSE(
      ValidGithubToken("ghp_HoldfastValidatorTestB\xC3\xB6"
                       "dy0123lmxnT"));
}

TEST(EntropyTest, AcceptsGeneratedSecrets) {
  EXPECT_TRUE(ValidEntropy("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));          // Stripe's docs example
  EXPECT_TRUE(ValidEntropy("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));  // AWS docs example
  EXPECT_TRUE(ValidEntropy("d41d8cd98f00b204e9800998ecf8427e"));          // hex: MD5 of ""
  EXPECT_TRUE(ValidEntropy("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"));
  EXPECT_TRUE(ValidEntropy("550e8400-e29b-41d4-a716-446655440000"));  // UUID-shaped key
  EXPECT_TRUE(ValidEntropy("q8Zr2LmX0vT4pK9w"));                      // 16, the shortest
}

TEST(EntropyTest, RejectsWordsNumbersAndRepetition) {
  EXPECT_FALSE(ValidEntropy("Password1234Password1234"));
  EXPECT_FALSE(ValidEntropy("Welkom2024Welkom2024"));
  EXPECT_FALSE(ValidEntropy("deadbeefdeadbeef1"));
  EXPECT_FALSE(ValidEntropy("correcthorsebatterystaple"));  // no digit
  EXPECT_FALSE(ValidEntropy("4111111111111111111"));        // no letter
  EXPECT_FALSE(ValidEntropy("abcdefghijklmnop1"));          // typed along the alphabet
  EXPECT_FALSE(ValidEntropy("aaaaaaaaaaaaaaa1"));
}

TEST(EntropyTest, RejectsShortValuesSpacesAndNonAscii) {
  EXPECT_FALSE(ValidEntropy("q8Zr2LmX0vT4pK9"));  // 15
  EXPECT_FALSE(ValidEntropy("q8Zr2LmX 0vT4pK9w"));
  EXPECT_FALSE(
      ValidEntropy("q8Zr2LmX\xC3\xA9"
                   "0vT4pK9w"));
}

TEST(SecretValueTest, AcceptsPasswordLikeValues) {
  EXPECT_TRUE(ValidSecretValue("Welkom01!"));
  EXPECT_TRUE(ValidSecretValue("hunter2"));
  EXPECT_TRUE(ValidSecretValue("p@ssw0rd"));
  EXPECT_TRUE(ValidSecretValue("correcthorsebatterystaple"));  // letters only, but 12+
  EXPECT_TRUE(
      ValidSecretValue("wachtw\xC3\xB6"
                       "ord"));                   // ö counts as a symbol
  EXPECT_TRUE(ValidSecretValue("Verlopen2024"));  // a filler word with more is a password
}

TEST(SecretValueTest, RejectsFillerWordsAndPlaceholders) {
  for (const char* value :
       {"required", "expired", "Reset!", "changed.", "verlopen", "VEREIST", "gewijzigd",
        "'required'", "(expired)", "******", "xxxxxxxx", "<password>", "${DB_PASSWORD}",
        "{{ vault_pw }}", "%PASSWORD%", "........"}) {
    EXPECT_FALSE(ValidSecretValue(value)) << value;
  }
}

TEST(SecretValueTest, RejectsWeakShapesAndBadLengths) {
  EXPECT_FALSE(ValidSecretValue("abcdef"));  // letters only and short
  EXPECT_FALSE(ValidSecretValue("123456"));  // no letter
  EXPECT_FALSE(ValidSecretValue("ab1!c"));   // 5
  EXPECT_FALSE(ValidSecretValue("pass word1"));
  EXPECT_FALSE(ValidSecretValue(std::string(120, 'a') + "12345678!"));  // 129
  EXPECT_TRUE(ValidSecretValue(std::string(119, 'a') + "1234567!"));    // 128
}

TEST(SecretValueTest, AcceptsRandomLettersButNotNamesInCamelCase) {
  EXPECT_TRUE(ValidSecretValue("xuShfhciyK"));
  EXPECT_TRUE(ValidSecretValue("qeTmvbXwpa"));
  EXPECT_FALSE(ValidSecretValue("McDonald"));  // one inner capital: a name
  EXPECT_FALSE(ValidSecretValue("iPhones"));
  EXPECT_FALSE(ValidSecretValue("reSeT"));  // too short to be random
}

}  // namespace
}  // namespace holdfast::rules
