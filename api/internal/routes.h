// The API's routes, free of HTTP plumbing: a parsed request in, a status and JSON body out.
#pragma once

#include <map>
#include <string>

#include "archive/archive.h"

namespace holdfast::api {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
};

struct Reply {
  int status = 200;
  std::string body;
};

Reply ErrorReply(int status, const std::string& message);
Reply Route(archive::Archive& archive, const Request& request);

}  // namespace holdfast::api
