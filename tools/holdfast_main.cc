// holdfast: the command line. See README.md for the verbs and tools/commands.h for exit codes.
#include <CLI/CLI.hpp>

#include "tools/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Holdfast: capture, scan, archive and prove workplace chat", "holdfast"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Help for every verb");
  int exit_code = 0;
  holdfast::tools::AddArchiveCommands(app, exit_code);
  holdfast::tools::AddSearchCommands(app, exit_code);
  holdfast::tools::AddExportCommands(app, exit_code);
  holdfast::tools::AddShowCommands(app, exit_code);
  holdfast::tools::AddReviewCommands(app, exit_code);
  holdfast::tools::AddVerifyCommands(app, exit_code);
  holdfast::tools::AddHeadCommands(app, exit_code);
  holdfast::tools::AddKeyCommands(app, exit_code);
  holdfast::tools::AddStampCommands(app, exit_code);
  holdfast::tools::AddRulesCommands(app, exit_code);
  holdfast::tools::AddScanCommands(app, exit_code);
  holdfast::tools::AddReadCommands(app, exit_code);
  holdfast::tools::AddStatsCommands(app, exit_code);
  holdfast::tools::AddRetentionCommands(app, exit_code);
  holdfast::tools::AddServeCommands(app, exit_code);
  holdfast::tools::AddUserCommands(app, exit_code);
  holdfast::tools::AddAuditCommands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return 2;
  }
  return exit_code;
}
