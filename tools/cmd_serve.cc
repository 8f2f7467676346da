// holdfast serve: the HTTP API over an archive until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <string>

#include "api/server.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct ServeArgs {
  std::string dir;
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;
};

int RunServe(const ServeArgs& args) {
  // Block the stop signals before any server thread starts, so that only sigwait takes them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  auto server = api::Server::Start({.archive_dir = args.dir, .bind = args.bind, .port = args.port});
  if (!server) {
    PrintError(server.error().message);
    return 1;
  }
  std::printf(
      "serving %s on http://%s:%u/api/v1/ (Ctrl-C stops); every route but /api/v1/openapi.json "
      "needs a token from `holdfast user add`\n",
      args.dir.c_str(), args.bind.c_str(), (*server)->port());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  (*server)->Stop();
  return 0;
}

}  // namespace

void AddServeCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve =
      app.add_subcommand("serve", "Serve the HTTP API (/api/v1, bearer tokens) over an archive");
  serve->add_option("DIR", args->dir, "Archive folder")->required();
  serve->add_option("--bind", args->bind, "Address (default 127.0.0.1)");
  serve->add_option("--port", args->port, "Port (default 8080; 0 picks one)");
  serve->callback([args, &exit_code] { exit_code = RunServe(*args); });
}

}  // namespace holdfast::tools
