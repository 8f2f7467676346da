// Turns the HTML body of a Microsoft Teams message into the plain text that is scanned and
// archived. This is a tag-stripping tokenizer, not an HTML parser: it keeps text, drops markup,
// and knows the few tags Teams writes that carry meaning:
//   <br>                     a line break
//   <p> <div> <li> <tr> ...  a line break before and after; <li> starts with "- "
//   <a href="u">label</a>    "label (u)"; just "u" when the label is empty or is the URL itself
//   <img alt="x">, <emoji alt="x"> the alt text (Teams writes emoji this way)
//   <at id="N">Jan</at>      "@Jan"; neighbouring <at>s (only white space between) that
//                            `mentions` resolves to one user become one "@Jan de Vries", since
//                            Teams splits a multi-word name into one <at> per word
//   <attachment id="..">     dropped (attachments are listed on the post)
//   <script> <style>         dropped with their content
// Named (&amp; &nbsp; &rsquo; ...) and numeric (&#39; &#x2019;) entities are decoded; an
// unknown entity stays as written. White space runs collapse to one space, &nbsp; included.
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace holdfast::engine {

// One element of a chatMessage's `mentions` array: the <at id="N"> it describes and the id of
// the user (or application) mentioned. The views must outlive the call.
struct TeamsMention {
  int64_t id = 0;
  std::string_view user_id;
};

// Appends the plain text of `html` to `out` (nothing before the call is changed), without
// leading or trailing white space.
void AppendTeamsHtmlText(std::string_view html, std::span<const TeamsMention> mentions,
                         std::string& out);

}  // namespace holdfast::engine
