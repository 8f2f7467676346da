// The server under concurrent use: more kept-alive connections than Poco's default pool has
// threads, and requests that read while reviews write, each on one of the server's views of the
// archive and on its one review queue.
#include <Poco/Net/HTTPClientSession.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/internal/record_drain.h"
#include "archive/pending_records.h"
#include "engine/audit.h"
#include "tests/api/server_fixture.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerConcurrencyTest : public ServerFixture {};

// Poco's default thread pool stops at 16, and a kept-alive connection holds its thread: the
// 17th client would wait for another connection's keep-alive to end (2 s), past the client's
// 1 s timeout here.
TEST_F(ServerConcurrencyTest, AnswersMoreKeptAliveConnectionsThanPocosDefaultPool) {
  constexpr int kConnections = 40;
  std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> sessions;
  for (int i = 0; i < kConnections; ++i) {
    sessions.push_back(
        std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", server_->port()));
    sessions.back()->setKeepAlive(true);
    sessions.back()->setTimeout(Poco::Timespan(1, 0));
  }
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kConnections; ++i) {
      Response response;
      try {
        response = Exchange(*sessions[i], "GET", "/api/v1/head", Bearer(tokens_.at("admin")));
      } catch (const Poco::Exception& error) {
        FAIL() << "connection " << i << ", round " << round << ": " << error.displayText();
      }
      EXPECT_EQ(response.status, 200) << "connection " << i << ": " << response.body;
    }
  }
}

// Searches, listings and post views on several threads while another reviews every flag: no
// request fails, and afterwards every view agrees on the reviewed states.
TEST_F(ServerConcurrencyTest, ReadsWhileReviewsWriteAndAllAgreeAfterwards) {
  const json open = Get("/api/v1/flags?state=open", "compliance").json();
  ASSERT_EQ(open["total"], 2);
  const std::string post_key = KeyOf("quarterly");
  std::atomic<bool> reviewing{true};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {
    readers.emplace_back([&, t] {
      const char* targets[] = {"/api/v1/search?q=quarterly", "/api/v1/flags?state=all", "/metrics"};
      for (int i = 0; reviewing || i < 10; ++i) {
        const std::string target =
            i % 4 == 3 ? "/api/v1/posts/" + post_key : std::string(targets[(t + i) % 3]);
        const Response response = Get(target, "compliance");
        if (response.status != 200) {
          ++failures;
          ADD_FAILURE() << target << ": " << response.status << " " << response.body;
        }
      }
    });
  }
  for (const json& flag : open["flags"]) {
    const Response reviewed =
        Post("/api/v1/flags/" + flag["flag_id"].get<std::string>() + "/review", "compliance",
             R"({"action":"resolve","note":"while others read"})");
    EXPECT_TRUE(reviewed.status == 200 || reviewed.status == 202) << reviewed.body;
  }
  reviewing = false;
  for (std::thread& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(failures, 0);
  // Each request may land on any view: ask several times.
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(Get("/api/v1/flags?state=open", "compliance").json()["total"], 0);
    EXPECT_EQ(Get("/api/v1/flags?state=resolved", "compliance").json()["total"], 2);
  }
}

// The drain's group commit: records spooled from many threads at once all reach the log, each
// thread's in its order, and a batch that cannot be written fails every caller in it.
TEST(RecordDrainTest, SpoolsConcurrentRecordsTogetherAndLosesNone) {
  holdfast::testing::TempDir tmp;
  const std::filesystem::path dir = tmp.path() / "archive";
  ASSERT_TRUE(archive::Archive::Create(dir).has_value());
  RecordDrain drain(dir, std::chrono::seconds(60));
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        engine::AuditEvent event{.user = "u" + std::to_string(t),
                                 .role = "compliance",
                                 .time_us = 1,
                                 .target = std::to_string(i)};
        auto record = engine::NewAuditRecord(event);
        if (!record || !drain.Spool(std::move(*record))) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(archive::CountPending(dir).value_or(0), size_t{kThreads * kEach});
  ASSERT_TRUE(drain.DrainNow());
  auto archive = archive::Archive::Open(dir);
  ASSERT_TRUE(archive.has_value());
  auto sequences = (*archive)->SequencesOfType(archive::RecordType::kAudit);
  ASSERT_TRUE(sequences.has_value());
  ASSERT_EQ(sequences->size(), size_t{kThreads * kEach});
  std::map<std::string, int> next;  // each thread's targets come in the order it spooled them
  for (uint64_t sequence : *sequences) {
    auto event = engine::DecodeAudit(*(*archive)->Read(sequence));
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->target, std::to_string(next[event->user]++)) << event->user;
  }

  // A spool that cannot be written: every caller is told.
  std::filesystem::remove_all(dir / "pending");
  tmp.Write("archive/pending", "a file where the folder should be");
  auto record =
      engine::NewAuditRecord({.user = "u", .role = "compliance", .time_us = 1, .target = "t"});
  ASSERT_TRUE(record.has_value());
  EXPECT_FALSE(drain.Spool(std::move(*record)).has_value());
}

}  // namespace
}  // namespace holdfast::api
