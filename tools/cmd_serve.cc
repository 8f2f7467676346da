// holdfast serve: the web UI and the HTTP API over an archive, over HTTP or HTTPS, until SIGINT
// or SIGTERM.
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
  std::string cert;
  std::string key;
  bool pseudonymise = false;
  unsigned readers = 0;  // 0: ServerOptions' default
};

int RunServe(const ServeArgs& args) {
  // Block the stop signals before any server thread starts, so that only sigwait takes them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  api::ServerOptions options{.archive_dir = args.dir,
                             .bind = args.bind,
                             .port = args.port,
                             .tls_certificate = args.cert,
                             .tls_private_key = args.key,
                             .pseudonymise = args.pseudonymise};
  if (args.readers > 0) {
    options.readers = args.readers;
  }
  auto server = api::Server::Start(options);
  if (!server) {
    PrintError(server.error().message);
    return 1;
  }
  const char* scheme = args.cert.empty() ? "http" : "https";
  const unsigned port = (*server)->port();
  std::printf(
      "serving %s on %s://%s:%u/api/v1/ and the web UI at %s://%s:%u/ (Ctrl-C stops); log in "
      "with a token from `holdfast user add`\n",
      args.dir.c_str(), scheme, args.bind.c_str(), port, scheme, args.bind.c_str(), port);
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
      app.add_subcommand("serve", "Serve the web UI and the HTTP API (/api/v1) over an archive");
  serve->add_option("DIR", args->dir, "Archive folder")->required();
  serve->add_option("--bind", args->bind, "Address (default 127.0.0.1)");
  serve->add_option("--port", args->port, "Port (default 8080; 0 picks one)");
  auto* cert = serve->add_option("--cert", args->cert, "TLS certificate (PEM): serve HTTPS");
  auto* key = serve->add_option("--key", args->key, "TLS private key (PEM, unencrypted)");
  serve
      ->add_option("--readers", args->readers,
                   "Requests served side by side, each on its own view of the archive "
                   "(default: 4 per core)")
      ->check(CLI::Range(1u, 64u));
  serve->add_flag("--pseudonymise", args->pseudonymise,
                  "Community managers see flagged authors as pseudonyms until they open a post");
  cert->needs(key);
  key->needs(cert);
  serve->callback([args, &exit_code] { exit_code = RunServe(*args); });
}

}  // namespace holdfast::tools
