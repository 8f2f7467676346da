// The fixed category taxonomy and the names of severities, confidences and actions. Categories are
// fixed in code, not data, so that reports and dashboards can rely on them across policy packs.
#include "rules/internal/names.h"

#include <algorithm>

#include "rules/policy.h"

namespace holdfast::rules {

const std::vector<std::string_view>& Categories() {
  static const std::vector<std::string_view> kCategories = {
      "pii.credit_card",
      "pii.iban",
      "pii.email",
      "pii.phone",
      "pii.national_id",
      "pii.nl_bsn",
      "pii.nl_id_document",
      "pii.postal_address",
      "secret.aws_key",
      "secret.gcp_key",
      "secret.azure_key",
      "secret.github_token",
      "secret.gitlab_token",
      "secret.slack_token",
      "secret.stripe_key",
      "secret.private_key",
      "secret.jwt",
      "secret.password_in_text",
      "secret.generic",
      "ip.confidential_marking",
      "ip.codename",
      "ip.source_code",
      "conduct.profanity",
      "conduct.harassment",
      "conduct.threat",
      "compliance.off_channel",
      "compliance.insider_info",
      "compliance.front_running",
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

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow:
      return "low";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kHigh:
      return "high";
  }
  return "unknown";
}

std::optional<Confidence> ParseConfidence(std::string_view name) {
  for (Confidence confidence : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (ConfidenceName(confidence) == name) {
      return confidence;
    }
  }
  return std::nullopt;
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kFlag:
      return "flag";
    case Action::kFlagNotify:
      return "flag+notify";
    case Action::kRedactInIndex:
      return "redact-in-index";
  }
  return "unknown";
}

std::optional<Action> ParseAction(std::string_view name) {
  for (Action action : {Action::kFlag, Action::kFlagNotify, Action::kRedactInIndex}) {
    if (ActionName(action) == name) {
      return action;
    }
  }
  return std::nullopt;
}

}  // namespace holdfast::rules
