// The verbs of the `holdfast` command line. Each Add* registers one verb (or a group) on the
// app and sets `exit_code` when it runs: 0 success, 1 work done but something was refused,
// dead-lettered or failed verification, 2 usage errors.
#pragma once

#include <CLI/CLI.hpp>

namespace holdfast::tools {

void AddArchiveCommands(CLI::App& app, int& exit_code);    // init, ingest
void AddSearchCommands(CLI::App& app, int& exit_code);     // search, searches
void AddExportCommands(CLI::App& app, int& exit_code);     // export
void AddShowCommands(CLI::App& app, int& exit_code);       // show
void AddReviewCommands(CLI::App& app, int& exit_code);     // flags, review
void AddVerifyCommands(CLI::App& app, int& exit_code);     // verify, verify-bundle
void AddHeadCommands(CLI::App& app, int& exit_code);       // head
void AddKeyCommands(CLI::App& app, int& exit_code);        // rotate-key
void AddStampCommands(CLI::App& app, int& exit_code);      // timestamp
void AddRulesCommands(CLI::App& app, int& exit_code);      // rules test
void AddServeCommands(CLI::App& app, int& exit_code);      // serve
void AddUserCommands(CLI::App& app, int& exit_code);       // user add, list, remove
void AddAuditCommands(CLI::App& app, int& exit_code);      // audit
void AddScanCommands(CLI::App& app, int& exit_code);       // scan
void AddReadCommands(CLI::App& app, int& exit_code);       // read
void AddStatsCommands(CLI::App& app, int& exit_code);      // stats, reindex
void AddRetentionCommands(CLI::App& app, int& exit_code);  // hold, retention, erase

}  // namespace holdfast::tools
