// Evidence exports over the API: legal starts one by query or by an active hold, it runs in
// the background to done, its download is a bundle that verifies offline with the items
// expected, it is audited, and a restarted server still lists and serves it (and marks an
// export it finds cut off as failed). Other roles are refused, unknown and guessed ids are 404.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "archive/bundle.h"
#include "archive/merkle.h"
#include "engine/audit.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerExportsTest : public ServerFixture {
 protected:
  Response Start(const json& body, const std::string& user = "legal") {
    return Post("/api/v1/exports", user, body.dump());
  }

  // The export once it is no longer queued or running (the Debug build with sanitizers is slow:
  // up to a minute).
  json WaitFinished(const std::string& id) {
    json job;
    for (int i = 0; i < 600; ++i) {
      Response response = Get("/api/v1/exports/" + id, "legal");
      EXPECT_EQ(response.status, 200) << response.body;
      job = response.json();
      if (job["state"] == "done" || job["state"] == "failed") {
        return job;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "export " << id << " did not finish: " << job.dump();
    return job;
  }

  // Runs an export of `body` to done and returns it.
  json Exported(const json& body) {
    Response started = Start(body);
    EXPECT_EQ(started.status, 202) << started.body;
    const json job = started.json();
    EXPECT_TRUE(std::regex_match(job.value("id", ""), std::regex("[0-9a-f]{32}"))) << job.dump();
    EXPECT_TRUE(job["state"] == "queued" || job["state"] == "running") << job.dump();
    json done = WaitFinished(job.value("id", "x"));
    EXPECT_EQ(done["state"], "done") << done.dump();
    return done;
  }

  // The committed audit events of exports.
  std::vector<engine::AuditEvent> ExportAudits() {
    std::vector<engine::AuditEvent> out;
    auto archive = archive::Archive::Open(archive_dir_);
    EXPECT_TRUE(archive.has_value());
    auto sequences = (*archive)->SequencesOfType(archive::RecordType::kAudit);
    EXPECT_TRUE(sequences.has_value());
    for (uint64_t sequence : sequences.value_or(std::vector<uint64_t>{})) {
      auto stored = (*archive)->Read(sequence);
      if (!stored) {
        continue;
      }
      auto event = engine::DecodeAudit(*stored);
      if (event && event->action == engine::AuditAction::kExport) {
        out.push_back(*event);
      }
    }
    return out;
  }

  void Restart() {
    server_->Stop();
    server_.reset();
    auto server = Server::Start(
        {.archive_dir = archive_dir_, .port = 0, .drain_period = std::chrono::milliseconds(100)});
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = std::move(*server);
  }
};

TEST_F(ServerExportsTest, LegalExportsAQueryAndDownloadsABundleThatVerifies) {
  const json job = Exported({{"case", "Acme v. Holdfast"}, {"query", "channel:finance"}});
  EXPECT_EQ(job["case"], "Acme v. Holdfast");
  EXPECT_EQ(job["query"], "channel:finance");
  EXPECT_EQ(job["by"], "legal");
  EXPECT_EQ(job["posts"], 2);  // posts 1 and 2
  EXPECT_EQ(job["flags"], 1);  // the key in post 1
  EXPECT_EQ(job["reviews"], 0);
  EXPECT_EQ(job["progress"]["done"], 3);
  EXPECT_EQ(job["progress"]["total"], 3);
  const std::string id = job["id"];
  EXPECT_EQ(job["download"], "/api/v1/exports/" + id + "/download");

  Response zip = Get("/api/v1/exports/" + id + "/download", "legal");
  ASSERT_EQ(zip.status, 200) << zip.body;
  EXPECT_EQ(zip.content_type, "application/zip");
  EXPECT_EQ(zip.header("Content-Disposition"),
            "attachment; filename=\"Acme-v.-Holdfast-" + id.substr(0, 8) + ".zip\"");
  EXPECT_EQ(zip.body.size(), job["bytes"].get<size_t>());
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  EXPECT_EQ(archive::ToHex(archive::Sha256(zip.body)), job["sha256"]);
  const std::filesystem::path file = dir_.path() / "bundle.zip";
  std::ofstream(file, std::ios::binary) << zip.body;
  const archive::BundleReport report = archive::VerifyBundle(file);
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.items, 3u);
  EXPECT_EQ(report.case_name, "Acme v. Holdfast");

  json listed = Get("/api/v1/exports", "admin").json()["exports"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], id);
}

TEST_F(ServerExportsTest, AnExportByHoldExportsWhatTheActiveHoldKeeps) {
  ASSERT_EQ(
      Post("/api/v1/holds", "compliance",
           json({{"action", "place"}, {"name", "Cat's case"}, {"custodians", {"cat"}}}).dump())
          .status,
      200);
  const json job = Exported({{"case", "Cat's case"}, {"hold", "Cat's case"}});
  EXPECT_EQ(job["hold"], "Cat's case");
  EXPECT_EQ(job["query"], "author:\"cat\"");
  EXPECT_EQ(job["posts"], 1);  // post 3
  EXPECT_EQ(job["flags"], 1);

  Response unknown = Start({{"case", "x"}, {"hold", "No such hold"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"], "no hold named \"No such hold\" is in force");
}

TEST_F(ServerExportsTest, EachFinishedExportIsAuditedWithWhoCaseQueryAndCount) {
  const json job = Exported({{"case", "Audit me"}, {"query", "quarterly"}});
  std::vector<engine::AuditEvent> audits;
  for (int i = 0; i < 100 && audits.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the server's drain commits it
    audits = ExportAudits();
  }
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].user, "legal");
  EXPECT_EQ(audits[0].role, "legal");
  EXPECT_EQ(audits[0].target, "Audit me");
  EXPECT_NE(audits[0].detail.find("query: quarterly"), std::string::npos) << audits[0].detail;
  EXPECT_NE(audits[0].detail.find(job["id"].get<std::string>()), std::string::npos);
  EXPECT_EQ(audits[0].results, 1u);
  const json rows = Get("/api/v1/audit?type=export&format=json", "compliance").json()["rows"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["user"], "legal");
  EXPECT_EQ(rows[0]["target"], "Audit me");
}

TEST_F(ServerExportsTest, EachRoleIsRefusedWhatItMayNotUseAndUnknownIdsAre404) {
  const json job = Exported({{"case", "c"}, {"query", "quarterly"}});
  const std::string id = job["id"];
  for (const char* user : {"cm", "analyst", "compliance"}) {
    EXPECT_EQ(Start({{"case", "c"}, {"query", "x"}}, user).status, 403) << user;
    EXPECT_EQ(Get("/api/v1/exports", user).status, 403) << user;
    EXPECT_EQ(Get("/api/v1/exports/" + id, user).status, 403) << user;
    EXPECT_EQ(Get("/api/v1/exports/" + id + "/download", user).status, 403) << user;
  }
  EXPECT_EQ(Get("/api/v1/exports/" + id, "").status, 401);
  std::string guessed = id;
  guessed[0] = guessed[0] == '0' ? '1' : '0';
  for (const std::string& other :
       {guessed, std::string(32, '0'), std::string("..%2Fkeys"), id.substr(0, 8), id + ".json"}) {
    Response missing = Get("/api/v1/exports/" + other, "legal");
    EXPECT_EQ(missing.status, 404) << other;
    EXPECT_EQ(Get("/api/v1/exports/" + other + "/download", "admin").status, 404) << other;
  }
  EXPECT_EQ(Get("/api/v1/exports/" + id + "/download", "admin").status, 200);
}

TEST_F(ServerExportsTest, ExportsByReviewStateAtAnEarlierHeadWithTheFormatsAsked) {
  const json first =
      Exported({{"case", "Open flags"}, {"flag_state", "open"}, {"formats", {"dat"}}});
  EXPECT_EQ(first["flag_state"], "open");
  EXPECT_EQ(first["posts"], 2);  // posts 1 and 3, each with an open flag
  EXPECT_EQ(first["formats"], json({"dat"}));
  const uint64_t head = first["head_size"];
  Response zip = Get("/api/v1/exports/" + first["id"].get<std::string>() + "/download", "legal");
  ASSERT_EQ(zip.status, 200);
  EXPECT_NE(zip.body.find("load/export.dat"), std::string::npos);
  EXPECT_EQ(zip.body.find("rsmf/"), std::string::npos);
  EXPECT_EQ(zip.body.find("html/"), std::string::npos);

  // The same export again once the audit record of the first has been committed: cut at the
  // first one's head, it gives the same bytes.
  json again;
  for (int i = 0; i < 100; ++i) {
    again = Exported(
        {{"case", "Open flags"}, {"flag_state", "open"}, {"formats", {"dat"}}, {"head", head}});
    if (archive::Archive::Open(archive_dir_).value()->LatestHead().value().size > head) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(again["head"], head);
  EXPECT_EQ(again["head_size"], head);
  EXPECT_EQ(again["sha256"], first["sha256"]);
  EXPECT_EQ(again["manifest_sha256"], first["manifest_sha256"]);

  const json failed = WaitFinished(Start({{"case", "c"}, {"query", "x"}, {"head", head + 1000}})
                                       .json()["id"]
                                       .get<std::string>());
  EXPECT_EQ(failed["state"], "failed");
  EXPECT_NE(failed["message"].get<std::string>().find("the latest signed head has"),
            std::string::npos)
      << failed.dump();
}

TEST_F(ServerExportsTest, RefusesABodyThatIsNotAnExportWith400Json) {
  const std::string kOneSelection =
      "give one of query (a search), hold (an active hold's name) or flag_state (open, "
      "escalated, dismissed, resolved, unsampled or any)";
  const std::pair<std::string, std::string> cases[] = {
      {"{", "the body must be a JSON object"},
      {R"({"case":"c","query":"x","out":"/etc/passwd"})", "unknown field \"out\""},
      {R"({"query":"x"})", "case must name the case the bundle is for"},
      {R"({"case":"c"})", kOneSelection},
      {R"({"case":"c","query":"x","hold":"h"})", kOneSelection},
      {R"({"case":"c","query":"x","flag_state":"open"})", kOneSelection},
      {R"({"case":"c","flag_state":"closed"})",
       "flag_state must be open, escalated, dismissed, resolved, unsampled or any"},
      {R"({"case":"c","query":"x","head":-3})",
       "head must be the size of a signed head, a positive integer"},
      {R"({"case":"c","query":"x","formats":["pdf"]})",
       "formats: \"pdf\" is none of native, rsmf, dat, html"},
      {R"({"case":1,"query":"x"})", "case must be a string of at most 200 bytes"},
      {R"({"case":")" + std::string(201, 'c') + R"(","query":"x"})",
       "case must be a string of at most 200 bytes"},
  };
  for (const auto& [body, message] : cases) {
    Response response = Post("/api/v1/exports", "legal", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(response.json()["error"], message) << body;
  }
  EXPECT_TRUE(Get("/api/v1/exports", "legal").json()["exports"].empty());
}

TEST_F(ServerExportsTest, ARestartedServerStillListsAndServesAFinishedExport) {
  const json job = Exported({{"case", "Kept"}, {"query", "channel:finance"}});
  const std::string id = job["id"];
  // An export cut off by a stop, as a crash leaves it: its job file says running.
  const std::string cut = std::string(31, 'a') + "b";
  json running = {{"id", cut},          {"case", "Cut"},   {"query", "x"},
                  {"by", "legal"},      {"role", "legal"}, {"created_us", 1},
                  {"state", "running"}, {"items_done", 1}, {"items_total", 0}};
  std::ofstream(archive_dir_ / "exports" / (cut + ".json")) << running.dump();
  std::ofstream(archive_dir_ / "exports" / (cut + ".zip.partial")) << "PK";
  Restart();

  json listed = Get("/api/v1/exports", "legal").json()["exports"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["id"], id);  // newest first
  EXPECT_EQ(listed[0]["state"], "done");
  EXPECT_EQ(listed[0]["sha256"], job["sha256"]);
  EXPECT_EQ(listed[1]["id"], cut);
  EXPECT_EQ(listed[1]["state"], "failed");
  EXPECT_EQ(listed[1]["message"], "interrupted: the server stopped before the export finished");
  EXPECT_FALSE(std::filesystem::exists(archive_dir_ / "exports" / (cut + ".zip.partial")));

  Response zip = Get("/api/v1/exports/" + id + "/download", "legal");
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(archive::ToHex(archive::Sha256(zip.body)), job["sha256"]);
  Response not_done = Get("/api/v1/exports/" + cut + "/download", "legal");
  EXPECT_EQ(not_done.status, 409);
  EXPECT_EQ(not_done.json()["error"],
            "the export is failed: its bundle can be downloaded once it is done");
}

}  // namespace
}  // namespace holdfast::api
