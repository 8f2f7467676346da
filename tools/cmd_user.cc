// holdfast user add|list|remove: the people who may use the HTTP API (engine/users.h). The
// token is printed once, by `add`; the log keeps only its SHA-256.
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/users.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct UserArgs {
  std::string dir;
  std::string name;
  std::string role;
  std::vector<std::string> communities;
};

// The operating-system user running the command, who the user record says added or removed.
std::string OsUser() {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
      found != nullptr && found->pw_name != nullptr) {
    return found->pw_name;
  }
  return "uid " + std::to_string(geteuid());
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    out += out.empty() ? "" : ",";
    out += part;
  }
  return out;
}

int RunAdd(const UserArgs& args) {
  const std::optional<engine::Role> role = engine::ParseRole(args.role);
  if (!role) {
    PrintError("--role must be community-manager, analyst, compliance, legal or admin, not \"" +
               args.role + "\"");
    return 2;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  auto token = engine::AddUser(*archive, args.name, *role, args.communities, OsUser());
  if (!token) {
    PrintError(token.error().message);
    return 1;
  }
  std::printf("added %s (%s%s%s)\n", args.name.c_str(), args.role.c_str(),
              args.communities.empty() ? "" : ": ", Joined(args.communities).c_str());
  std::printf("token: %s\n", token->c_str());
  std::printf("Keep it now: it will not be shown again (the archive holds only its SHA-256).\n");
  return 0;
}

int RunList(const UserArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto users = engine::LoadUsers(*archive);
  if (!users) {
    PrintError(users.error().ToString());
    return 1;
  }
  for (const engine::User& user : *users) {
    std::printf("%-24s %-18s %s\n", user.name.c_str(), std::string(RoleName(user.role)).c_str(),
                user.communities.empty() ? "-" : Joined(user.communities).c_str());
  }
  return 0;
}

int RunRemove(const UserArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  if (auto removed = engine::RemoveUser(*archive, args.name, OsUser()); !removed) {
    PrintError(removed.error().message);
    return 1;
  }
  std::printf("removed %s: their token no longer works\n", args.name.c_str());
  return 0;
}

}  // namespace

void AddUserCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<UserArgs>();
  CLI::App* user = app.add_subcommand("user", "Add, list and remove the users of the HTTP API");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand("add", "Add a user and print their token, once");
  add->add_option("DIR", args->dir, "Archive folder")->required();
  add->add_option("NAME", args->name, "User name")->required();
  add->add_option("--role", args->role, "community-manager, analyst, compliance, legal or admin")
      ->required();
  add->add_option("--communities", args->communities,
                  "Communities (channel ids or names) a community manager sees, comma-separated")
      ->delimiter(',');
  add->callback([args, &exit_code] { exit_code = RunAdd(*args); });

  CLI::App* list = user->add_subcommand("list", "Users in force: name, role, communities");
  list->add_option("DIR", args->dir, "Archive folder")->required();
  list->callback([args, &exit_code] { exit_code = RunList(*args); });

  CLI::App* remove = user->add_subcommand("remove", "Remove a user: their token stops working");
  remove->add_option("DIR", args->dir, "Archive folder")->required();
  remove->add_option("NAME", args->name, "User name")->required();
  remove->callback([args, &exit_code] { exit_code = RunRemove(*args); });
}

}  // namespace holdfast::tools
