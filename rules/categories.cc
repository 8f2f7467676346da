// The fixed category taxonomy and severity names. Categories are fixed in code, not data, so
// that reports and dashboards can rely on them across policy packs.
#include <algorithm>

#include "rules/internal/names.h"
#include "rules/policy.h"

namespace holdfast::rules {

const std::vector<std::string_view>& Categories() {
  static const std::vector<std::string_view> kCategories = {
      "pii.credit_card",
      "pii.iban",
      "pii.nl_bsn",
      "pii.email",
      "pii.phone",
      "pii.nl_passport",
      "secret.aws_access_key",
      "secret.private_key",
      "secret.github_token",
      "secret.slack_token",
      "secret.jwt",
      "secret.password_in_text",
      "ip.confidential_marking",
      "ip.codename",
      "ip.source_code",
      "conduct.profanity",
      "conduct.harassment",
      "conduct.threat",
      "compliance.off_channel",
      "compliance.insider_info",
  };
  return kCategories;
}

bool IsCategory(std::string_view name) {
  const auto& categories = Categories();
  return std::find(categories.begin(), categories.end(), name) != categories.end();
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "unknown";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity severity :
       {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(severity) == name) {
      return severity;
    }
  }
  return std::nullopt;
}

}  // namespace holdfast::rules
