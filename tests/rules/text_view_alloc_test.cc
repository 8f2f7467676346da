// Building views must allocate nothing per post after warm-up. As in scanner_alloc_test.cc,
// this file replaces the global allocation functions with counting ones (counting only while a
// test asks), which is why it is a binary of its own. ICU allocates through malloc, not
// operator new, so ICU's allocation functions are replaced with counting ones as well.
#include <gtest/gtest.h>
#include <unicode/uclean.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "rules/text_view.h"

namespace {

std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
std::atomic<long> g_icu_allocations{0};  // counted always: proves ICU uses our functions

void Count() {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
}

void* Allocate(std::size_t size, std::size_t alignment) {
  Count();
  size = size == 0 ? 1 : size;
  void* memory = nullptr;
  if (alignment <= alignof(std::max_align_t)) {
    memory = std::malloc(size);
  } else if (posix_memalign(&memory, alignment, size) != 0) {
    memory = nullptr;
  }
  return memory;
}

void* AllocateOrThrow(std::size_t size, std::size_t alignment) {
  void* memory = Allocate(size, alignment);
  if (memory == nullptr) {
    throw std::bad_alloc();
  }
  return memory;
}

void* U_CALLCONV IcuAlloc(const void*, size_t size) {
  g_icu_allocations.fetch_add(1, std::memory_order_relaxed);
  Count();
  return std::malloc(size);
}
void* U_CALLCONV IcuRealloc(const void*, void* memory, size_t size) {
  g_icu_allocations.fetch_add(1, std::memory_order_relaxed);
  Count();
  return std::realloc(memory, size);
}
void U_CALLCONV IcuFree(const void*, void* memory) { std::free(memory); }

}  // namespace

void* operator new(std::size_t size) { return AllocateOrThrow(size, 0); }
void* operator new[](std::size_t size) { return AllocateOrThrow(size, 0); }
void* operator new(std::size_t size, std::align_val_t align) {
  return AllocateOrThrow(size, static_cast<std::size_t>(align));
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return AllocateOrThrow(size, static_cast<std::size_t>(align));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return Allocate(size, 0); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return Allocate(size, 0); }
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return Allocate(size, static_cast<std::size_t>(align));
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return Allocate(size, static_cast<std::size_t>(align));
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete[](void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t, std::align_val_t) noexcept { std::free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete[](void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete(void* memory, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(memory);
}

namespace holdfast::rules {
namespace {

TEST(TextViewAllocationTest, AllocatesNothingPerTextAfterWarmUp) {
  // Before ICU's first use, so that every ICU allocation goes through the counter. The
  // functions wrap malloc, so memory from before (there is none) could be freed by them too.
  UErrorCode status = U_ZERO_ERROR;
  u_setMemoryFunctions(nullptr, &IcuAlloc, &IcuRealloc, &IcuFree, &status);
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);

  // Texts that take every path: identity, the token stage alone, and the Unicode stages.
  const std::vector<std::string> texts = {
      "an ordinary post about lunch with no findings at all",
      "card 4111 1111 1111 1111 and IBAN NL91ABNA0417164300",
      "laten we via wh4tsapp praten, of W h a t s A p p, c0nf1dent1al",
      "Vertrouwelijk: het priv\u00E9nummer van de co\u00F6rdinator, \u00E9\u00E9n keer",
      "\uFF23\uFF2F\uFF2E\uFF26\uFF29\uFF24\uFF25\uFF2E\uFF34\uFF29\uFF21\uFF2C \uFB01le",
      "What\u200BsApp\u00AD \u202Edocs\u202C 4111\u00A01111\u20091111 Wh\u0430ts\u0410pp",
      "STRASSE Stra\u00DFe \u0130stanbul \u03A3\u039F\u03A3 prive\u0301 \U0001F468\u200D\U0001F469",
  };
  TextView view;
  size_t warm_bytes = 0;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& text : texts) {
      for (const View kind : {View::kText, View::kLexicon}) {
        view.Build(text, kind);
        warm_bytes += view.text().size();
      }
    }
  }
  ASSERT_GT(warm_bytes, 0u);
  ASSERT_GT(g_icu_allocations.load(), 0) << "ICU did not allocate through the counter";

  // The replacements are really in use: direct calls, which the compiler may not elide, count.
  g_allocations = 0;
  g_counting = true;
  ::operator delete(::operator new(16));
  g_counting = false;
  ASSERT_EQ(g_allocations.load(), 1);

  g_allocations = 0;
  g_counting = true;
  size_t built = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string& text = texts[static_cast<size_t>(i) % texts.size()];
    view.Build(text, i % 2 == 0 ? View::kText : View::kLexicon);
    built += view.identity() ? 0 : 1;
  }
  g_counting = false;
  EXPECT_GT(built, 400u);  // most texts take the slow paths
  EXPECT_EQ(g_allocations.load(), 0) << "allocations over 1,000 views";
}

}  // namespace
}  // namespace holdfast::rules
