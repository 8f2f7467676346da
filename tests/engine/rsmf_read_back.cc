#include "tests/engine/rsmf_read_back.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace holdfast::testing {
namespace {

using nlohmann::json;

std::string DecodeBase64(std::string_view text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '+') {
      value = 62;
    } else if (c == '/') {
      value = 63;
    } else if (c == '=') {
      break;
    } else {
      continue;  // line breaks
    }
    bits = (bits << 6) | static_cast<uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      ADD_FAILURE() << "bad quoted-printable at " << i;
    }
  }
  return out;
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

// Header block -> fields, unfolded (CRLF before whitespace removed), names in lower case; a name
// seen twice is a failure.
std::map<std::string, std::string> ParseHeaders(const std::string& block) {
  std::string unfolded;
  for (size_t i = 0; i < block.size(); ++i) {
    if (block.compare(i, 2, "\r\n") == 0 && i + 2 < block.size() &&
        (block[i + 2] == ' ' || block[i + 2] == '\t')) {
      ++i;
      continue;
    }
    unfolded += block[i];
  }
  std::map<std::string, std::string> headers;
  size_t start = 0;
  while (start < unfolded.size()) {
    size_t end = unfolded.find("\r\n", start);
    if (end == std::string::npos) {
      end = unfolded.size();
    }
    const std::string line = unfolded.substr(start, end - start);
    const size_t colon = line.find(':');
    EXPECT_NE(colon, std::string::npos) << line;
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      const size_t first = value.find_first_not_of(" \t");
      value = first == std::string::npos ? "" : value.substr(first);
      EXPECT_TRUE(headers.emplace(Lower(line.substr(0, colon)), value).second)
          << "header twice: " << line;
    }
    start = end + 2;
  }
  return headers;
}

MimePart SplitPart(const std::string& text) {
  MimePart part;
  const size_t blank = text.find("\r\n\r\n");
  EXPECT_NE(blank, std::string::npos);
  part.headers = ParseHeaders(text.substr(0, blank));
  part.body = blank == std::string::npos ? "" : text.substr(blank + 4);
  return part;
}

Message ParseMessage(const std::string& bytes) {
  Message message;
  message.top = SplitPart(bytes);
  const std::string& type = message.top.headers["content-type"];
  EXPECT_EQ(type.rfind("multipart/mixed;", 0), 0u) << type;
  const size_t b = type.find("boundary=\"");
  EXPECT_NE(b, std::string::npos);
  if (b == std::string::npos) {
    return message;
  }
  const std::string boundary = type.substr(b + 10, type.find('"', b + 10) - (b + 10));
  const std::string delimiter = "\r\n--" + boundary;
  const std::string& body = message.top.body;
  size_t pos = body.find(delimiter);
  EXPECT_NE(pos, std::string::npos);
  while (pos != std::string::npos) {
    const size_t after = pos + delimiter.size();
    if (body.compare(after, 2, "--") == 0) {
      EXPECT_EQ(body.substr(after), "--\r\n") << "close delimiter ends the message";
      break;
    }
    EXPECT_EQ(body.compare(after, 2, "\r\n"), 0);
    const size_t next = body.find(delimiter, after);
    EXPECT_NE(next, std::string::npos) << "no close delimiter";
    if (next == std::string::npos) {
      break;
    }
    message.parts.push_back(SplitPart(body.substr(after + 2, next - after - 2)));
    pos = next;
  }
  return message;
}

// The text of a command's standard output.
std::string Run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr) << command;
  if (pipe == nullptr) {
    return out;
  }
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.append(buffer.data(), n);
  }
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

}  // namespace

std::string DecodeEncodedWords(const std::string& value) {
  static const std::regex kWord(R"(=\?([^?]+)\?([BbQq])\?([^?]*)\?=)");
  std::string out;
  auto begin = std::sregex_iterator(value.begin(), value.end(), kWord);
  size_t last = 0;
  bool previous_was_word = false;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& match = *it;
    std::string between = value.substr(last, static_cast<size_t>(match.position()) - last);
    if (!(previous_was_word && between.find_first_not_of(" \t") == std::string::npos)) {
      out += between;
    }
    const std::string encoding = match[2];
    const std::string payload = match[3];
    if (encoding == "B" || encoding == "b") {
      out += DecodeBase64(payload);
    } else {
      std::string q = payload;
      for (char& c : q) {
        if (c == '_') {
          c = ' ';
        }
      }
      std::string decoded;
      for (size_t i = 0; i < q.size(); ++i) {
        if (q[i] == '=' && i + 2 < q.size() + 1) {
          decoded += static_cast<char>(HexValue(q[i + 1]) * 16 + HexValue(q[i + 2]));
          i += 2;
        } else {
          decoded += q[i];
        }
      }
      out += decoded;
    }
    last = static_cast<size_t>(match.position() + match.length());
    previous_was_word = true;
  }
  out += value.substr(last);
  return out;
}

ReadBack Read(const std::string& bytes) {
  ReadBack back;
  back.message = ParseMessage(bytes);
  int attachments = 0;
  for (const MimePart& part : back.message.parts) {
    const auto disposition = part.headers.find("content-disposition");
    const std::string type =
        part.headers.count("content-type") ? part.headers.at("content-type") : "";
    if (disposition != part.headers.end() && disposition->second.rfind("attachment", 0) == 0) {
      ++attachments;
      EXPECT_EQ(disposition->second, "attachment; filename=\"rsmf.zip\"");
      EXPECT_EQ(type.rfind("application/zip", 0), 0u) << type;
      EXPECT_EQ(part.headers.at("content-transfer-encoding"), "base64");
      back.zip = DecodeBase64(part.body);
    } else if (type.rfind("text/plain", 0) == 0) {
      EXPECT_NE(Lower(type).find("charset=\"utf-8\""), std::string::npos) << type;
      EXPECT_EQ(part.headers.at("content-transfer-encoding"), "quoted-printable");
      back.text = DecodeQuotedPrintable(part.body);
    }
  }
  EXPECT_EQ(attachments, 1) << "exactly one attachment";
  TempDir dir;
  const auto zip_path = dir.Write("rsmf.zip", back.zip);
  const std::string listing = Run("unzip -Z1 '" + zip_path.string() + "'");
  size_t start = 0;
  while (start < listing.size()) {
    const size_t end = listing.find('\n', start);
    back.entries.push_back(listing.substr(start, end - start));
    start = end == std::string::npos ? listing.size() : end + 1;
  }
  back.manifest_text = Run("unzip -p '" + zip_path.string() + "' rsmf_manifest.json");
  back.manifest = json::parse(back.manifest_text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(back.manifest.is_discarded()) << back.manifest_text;
  return back;
}

}  // namespace holdfast::testing
