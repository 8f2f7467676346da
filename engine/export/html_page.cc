#include "engine/export/html_page.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "engine/time_format.h"

namespace holdfast::engine::html {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 "Noto Sans","Segoe UI",Arial,sans-serif;color:#111}
body{max-width:60em;margin:1.5em auto;padding:0 1em} h1{font-size:1.5em;margin:.2em 0}
.sub{color:#444;margin:0 0 .8em} .nav{font-size:.9em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em}
dl.facts{border:1px solid #bbb;padding:.5em .8em;font-size:.9em}
dl.facts dt{font-weight:600} dl.facts dd{margin:0;overflow-wrap:anywhere}
.post{border-left:3px solid #ccc;padding:.3em .6em;margin:.5em 0}
.d1{margin-left:2em}.d2{margin-left:4em}.d3{margin-left:6em}
.d4{margin-left:8em}.d5{margin-left:10em}.d6{margin-left:12em}
.meta{font-size:.85em;color:#444} .author{font-weight:600;color:#111}
.ctl,code{font-family:"DejaVu Sans Mono",Consolas,monospace}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2em 0}
.badge{border:1px solid #888;border-radius:3px;padding:0 .3em;font-size:.8em}
.note{font-size:.8em;color:#555;margin:0}
.kind-system{border-left-color:#999;background:#f4f4f4;color:#555;font-style:italic}
.kind-delete .text,.erased .text{color:#666;font-style:italic}
.flagged{border-left:5px solid #b00;background:#fff3ef}
mark{background:#ffe066;color:inherit;outline:1px solid #c90}
.flags,.attachments{margin:.3em 0 0;padding-left:1.2em;font-size:.85em}
table{border-collapse:collapse;width:100%} td.n{text-align:right}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10.5pt} .nav{display:none}
a{color:inherit;text-decoration:none} @page{margin:15mm}
.post,.flags li,tr{break-inside:avoid;page-break-inside:avoid}
h1,.meta{break-after:avoid;page-break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

// The length of the valid UTF-8 sequence at text[i], or 0 when there is none.
size_t Utf8Length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    return 1;
  }
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if (k == 1 ? (byte < low || byte > high) : (byte < 0x80 || byte > 0xBF)) {
      return 0;
    }
  }
  return length;
}

void AppendFact(std::string& out, std::string_view name, std::string_view value) {
  out += "<dt>" + Escaped(name) + "</dt><dd>" + Escaped(value) + "</dd>\n";
}

}  // namespace

void Escape(std::string& out, std::string_view text) {
  static constexpr std::string_view kSpecials = "&<>\"'";
  static constexpr std::string_view kReferences[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t length = Utf8Length(text, i);
    if (const size_t special = kSpecials.find(text[i]); special != std::string_view::npos) {
      out += kReferences[special];
    } else if (length == 0 || byte == 0x7F ||
               (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, length));
    }
    i += std::max<size_t>(length, 1);
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  Escape(out, text);
  return out;
}

std::string UrlPath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string Day(int64_t time_us) { return FormatRfc3339(time_us).substr(0, 10); }

void AppendPageStart(std::string& out, std::string_view title) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + Escaped(title) + "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
}

void AppendFacts(std::string& out, const ExportContext& context) {
  out += "<dl class=\"facts\">\n";
  AppendFact(out, "Case", context.case_name);
  AppendFact(out, "Selection", context.selection);
  AppendFact(out, "Exported by", context.exported_by);
  AppendFact(out, "Archive", context.origin);
  AppendFact(out, "Signed head",
             "size " + std::to_string(context.head_size) + ", " +
                 FormatRfc3339(context.head_time_us) + " (UTC)");
  out += "</dl>\n";
}

void AppendParts(std::string& out,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> parts) {
  bool first = true;
  for (const auto& [label, value] : parts) {
    if (!value.empty()) {
      out += first ? "" : " &middot; ";
      out += std::string(label) + " " + Escaped(value);
      first = false;
    }
  }
}

}  // namespace holdfast::engine::html
