#include "engine/post.h"

#include <array>

#include "archive/merkle.h"
#include "archive/record.h"

namespace holdfast::engine {

namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"message", "edit", "delete", "system"};

void AppendField(std::string& out, std::string_view field) {
  const uint32_t size = static_cast<uint32_t>(field.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((size >> shift) & 0xff));
  }
  out.append(field);
}

}  // namespace

std::string_view PostKindName(PostKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

bool ParsePostKind(std::string_view name, PostKind& kind) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) {
      kind = static_cast<PostKind>(i);
      return true;
    }
  }
  return false;
}

std::string Post::Key() const {
  std::string input = "holdfast-post-key-v1";
  for (std::string_view field :
       {std::string_view(source), std::string_view(workspace), std::string_view(community_id),
        std::string_view(native_id), std::string_view(version)}) {
    AppendField(input, field);
  }
  return archive::ToHex(archive::Sha256(input));
}

std::string Post::PostId() const {
  std::string input = "holdfast-post-id-v1";
  for (std::string_view field : {std::string_view(source), std::string_view(workspace),
                                 std::string_view(community_id), std::string_view(native_id)}) {
    AppendField(input, field);
  }
  return archive::ToHex(archive::Sha256(input));
}

}  // namespace holdfast::engine
