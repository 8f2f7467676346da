#include "engine/retention.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace holdfast::engine {

namespace {

using json = nlohmann::json;

Error RecordError(const archive::StoredRecord& record, const std::string& what) {
  return Error{"log", record.sequence + 1, what};
}

std::string Text(const json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The records of one listed type, read through the archive's list of them.
template <typename T, typename Decode>
tl::expected<std::vector<T>, Error> ReadListed(const archive::Archive& archive,
                                               archive::RecordType type, Decode decode) {
  auto sequences = archive.SequencesOfType(type);
  if (!sequences) {
    return tl::unexpected(FromArchive(sequences.error()));
  }
  std::vector<T> out;
  for (uint64_t sequence : *sequences) {
    auto stored = archive.Read(sequence);
    if (!stored) {
      return tl::unexpected(FromArchive(stored.error()));
    }
    try {
      const json meta = json::parse(stored->record.meta);
      const json content = stored->content_erased || stored->record.content.empty()
                               ? json::object()
                               : json::parse(stored->record.content);
      out.push_back(decode(*stored, meta, content));
    } catch (const json::exception& e) {
      return tl::unexpected(RecordError(*stored, std::string("unreadable record: ") + e.what()));
    }
  }
  return out;
}

}  // namespace

archive::Record HoldRecord(const Hold& hold, uint64_t log_size) {
  const json meta = {{"name", hold.name}, {"action", hold.active ? "place" : "release"}};
  // Custodians, the actor and the reason name people: content, as everywhere in the log.
  const json content = {{"query", hold.query},
                        {"custodians", hold.custodians},
                        {"actor", hold.actor},
                        {"reason", hold.reason}};
  return {archive::RecordType::kHold, "hold:" + hold.name + "@" + std::to_string(log_size),
          meta.dump(), content.dump()};
}

archive::Record RetentionRecord(const RetentionRule& rule, uint64_t log_size) {
  const json meta = {{"name", rule.name},
                     {"keep_days", rule.keep_days},
                     {"source", rule.source},
                     {"community", rule.community}};
  const json content = {{"actor", rule.actor}};
  return {archive::RecordType::kRetention,
          "retention:" + rule.name + "@" + std::to_string(log_size), meta.dump(), content.dump()};
}

tl::expected<std::vector<Hold>, Error> HoldHistory(const archive::Archive& archive) {
  return ReadListed<Hold>(
      archive, archive::RecordType::kHold,
      [](const archive::StoredRecord& stored, const json& meta, const json& content) {
        Hold hold;
        hold.name = Text(meta, "name");
        hold.active = Text(meta, "action") != "release";
        hold.query = Text(content, "query");
        for (const json& custodian : content.value("custodians", json::array())) {
          if (custodian.is_string()) {
            hold.custodians.push_back(custodian.get<std::string>());
          }
        }
        hold.actor = Text(content, "actor");
        hold.reason = Text(content, "reason");
        hold.time_us = stored.captured_at_us;
        hold.sequence = stored.sequence;
        return hold;
      });
}

tl::expected<std::vector<Hold>, Error> ActiveHolds(const archive::Archive& archive) {
  auto history = HoldHistory(archive);
  if (!history) {
    return history;
  }
  std::map<std::string, Hold> latest;
  for (Hold& hold : *history) {
    latest[hold.name] = std::move(hold);
  }
  std::vector<Hold> active;
  for (auto& [name, hold] : latest) {
    if (hold.active) {
      active.push_back(std::move(hold));
    }
  }
  return active;
}

tl::expected<std::vector<RetentionRule>, Error> RetentionRules(const archive::Archive& archive) {
  auto history = ReadListed<RetentionRule>(
      archive, archive::RecordType::kRetention,
      [](const archive::StoredRecord& stored, const json& meta, const json& content) {
        RetentionRule rule;
        rule.name = Text(meta, "name");
        rule.keep_days = meta.value("keep_days", uint32_t{0});
        rule.source = Text(meta, "source");
        rule.community = Text(meta, "community");
        rule.actor = Text(content, "actor");
        rule.time_us = stored.captured_at_us;
        rule.sequence = stored.sequence;
        return rule;
      });
  if (!history) {
    return history;
  }
  std::map<std::string, RetentionRule> latest;
  for (RetentionRule& rule : *history) {
    latest[rule.name] = std::move(rule);
  }
  std::vector<RetentionRule> rules;
  for (auto& [name, rule] : latest) {
    if (rule.keep_days > 0) {
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

tl::expected<void, Error> CheckHold(const archive::Archive& archive, const Hold& hold) {
  if (hold.name.empty()) {
    return tl::unexpected(Error{"hold", 0, "a hold needs a name"});
  }
  if (hold.actor.empty()) {
    return tl::unexpected(Error{"hold " + hold.name, 0, "a hold needs an actor (--actor)"});
  }
  auto active = ActiveHolds(archive);
  if (!active) {
    return tl::unexpected(active.error());
  }
  const bool in_force = std::any_of(active->begin(), active->end(),
                                    [&](const Hold& other) { return other.name == hold.name; });
  if (hold.active) {
    if (hold.query.empty() && hold.custodians.empty()) {
      return tl::unexpected(
          Error{"hold " + hold.name, 0, "a hold needs a query or custodians to say what it keeps"});
    }
    if (in_force) {
      return tl::unexpected(Error{"hold " + hold.name, 0, "is in force already"});
    }
  } else if (!in_force) {
    return tl::unexpected(Error{"hold " + hold.name, 0, "is not in force: nothing to release"});
  }
  return {};
}

tl::expected<void, Error> CheckRetentionRule(const RetentionRule& rule) {
  if (rule.name.empty()) {
    return tl::unexpected(Error{"retention", 0, "a retention rule needs a name"});
  }
  if (rule.actor.empty()) {
    return tl::unexpected(
        Error{"retention " + rule.name, 0, "a retention rule needs an actor (--actor)"});
  }
  return {};
}

}  // namespace holdfast::engine
