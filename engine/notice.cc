#include "engine/notice.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

constexpr std::string_view kDefaultNotice =
    "Hello {author},\n\n"
    "A message you posted in #{channel} on {date} was flagged under our {policy} policy "
    "({category}). Please do not share this kind of information in workplace chat; if you "
    "think the flag is wrong, reply to this notice.\n\n"
    "{reviewer}, on behalf of the community team\n";

bool IsTemplateName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

tl::expected<std::string, Error> LoadNoticeTemplate(const std::filesystem::path& dir,
                                                    std::string_view name) {
  if (!IsTemplateName(name)) {
    return tl::unexpected(Error{"", 0,
                                "a notice template's name is 1 to 64 lowercase letters, digits "
                                "and dashes"});
  }
  const std::filesystem::path file = dir / "notices" / (std::string(name) + ".txt");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (name == "default") {
      return std::string(kDefaultNotice);
    }
    return tl::unexpected(
        Error{file.string(), 0,
              "no notice template \"" + std::string(name) + "\" (a file notices/NAME.txt)"});
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    return tl::unexpected(Error{file.string(), 0, "cannot read the notice template"});
  }
  if (text.str().size() > kMaxNoticeBytes) {
    return tl::unexpected(
        Error{file.string(), 0,
              "a notice template holds at most " + std::to_string(kMaxNoticeBytes) + " bytes"});
  }
  return text.str();
}

std::string RenderNotice(std::string_view notice_template, const Flag& flag, const Post& post,
                         std::string_view reviewer) {
  const std::string author = !post.author_name.empty() ? post.author_name : post.author_id;
  const std::string date = FormatRfc3339(post.created_us).substr(0, 10);
  const std::pair<std::string_view, std::string_view> fields[] = {
      {"{author}", author},    {"{channel}", post.community_name},
      {"{date}", date},        {"{policy}", flag.policy},
      {"{rule}", flag.rule},   {"{category}", flag.category},
      {"{reviewer}", reviewer}};
  std::string out;
  for (size_t i = 0; i < notice_template.size();) {
    bool replaced = false;
    if (notice_template[i] == '{') {
      for (const auto& [placeholder, value] : fields) {
        if (notice_template.substr(i, placeholder.size()) == placeholder) {
          out.append(value);
          i += placeholder.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out += notice_template[i++];
    }
  }
  return out;
}

}  // namespace holdfast::engine
