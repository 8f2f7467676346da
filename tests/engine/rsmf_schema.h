// A validator of RSMF 2.0 manifests for the tests: the rules of Relativity's
// rsmf_schema_2_0_0.json (JSON Schema draft-07, relativitydev/rsmf-validator-samples) plus the
// cross-references its descriptions require ("must map back to the ID of a participant defined
// in the root of the manifest", a parent "must map back to the id of another event in the same
// conversation", a custodian "must map back to one of the participants in the conversation").
// Holdfast asks more of its own files than the schema does of every file: each event names its
// id, conversation, participant and timestamp.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace holdfast::testing {

// Each rule `manifest` breaks, as "where: what" (e.g. "events[2].participant: is missing"), in
// document order; empty when it passes.
std::vector<std::string> ValidateRsmfManifest(const nlohmann::json& manifest);

}  // namespace holdfast::testing
