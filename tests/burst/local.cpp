// The local plugin with real processes: exit codes, output files, a command that cannot start,
// the concurrency limit, and jobs too large for this machine.
#include <orchard/burst.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using orchard::test::temp_dir;

namespace {

struct job {
    std::string id;
    std::vector<std::string> command;
    int nodes = 1;
    int tasks = 1;
    bool burstable = true;
};

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

TEST_CASE("local: runs each job, keeping its exit status and its output files") {
    temp_dir dir;
    orchard::local_plugin local({.max_parallel = 2, .output_dir = dir.path()});
    REQUIRE(orchard::validate_plugin(local).ok());
    CHECK(local.schedule(job{"ok", {"true"}}));
    CHECK(local.schedule(job{"fails", {"false"}}));
    CHECK(local.schedule(job{"three", {"sh", "-c", "exit 3"}}));
    CHECK(local.schedule(job{"talks", {"sh", "-c", "echo hello; echo oops >&2"}}));
    CHECK(local.schedule(job{"../escape/id", {"true"}}));
    local.run();
    const auto& results = local.results();
    REQUIRE(results.size() == 5);
    CHECK(results[0].success());
    CHECK(results[1].status == orchard::process::exit_status::from_code(1));
    CHECK(results[2].status->code() == 3);
    CHECK(read(results[3].std_out) == "hello\n");
    CHECK(read(results[3].std_err) == "oops\n");
    CHECK(results[3].std_out == dir.path() / "talks.out");
    CHECK(results[4].std_out.parent_path() == dir.path());  // ids cannot leave output_dir
}

TEST_CASE("local: a command that cannot start is a result with the reason, not a crash") {
    temp_dir dir;
    orchard::local_plugin local({.output_dir = dir.path()});
    CHECK(local.schedule(job{"missing", {"orchard-no-such-program"}}));
    CHECK(local.schedule(job{"after", {"true"}}));
    local.run();
    REQUIRE(local.results().size() == 2);
    CHECK_FALSE(local.results()[0].status.has_value());
    CHECK_THAT(local.results()[0].error, Catch::Matchers::Contains("cannot spawn 'orchard-no-such-program'"));
    CHECK(local.results()[1].success());
}

TEST_CASE("local: never more than max_parallel jobs at once") {
    temp_dir dir;
    orchard::local_plugin local({.max_parallel = 2, .output_dir = dir.path()});
    for (int i = 0; i < 5; ++i) CHECK(local.schedule(job{"j" + std::to_string(i), {"sleep", "0.2"}}));
    local.run();
    CHECK(local.peak_parallel() == 2);
    CHECK(local.results().size() == 5);
    for (const auto& r : local.results()) CHECK(r.success());
}

TEST_CASE("local: jobs larger than this machine are left to other plugins") {
    temp_dir dir;
    orchard::burst_client<job, orchard::registry<orchard::local_plugin, orchard::mock_plugin>> client;
    client.load("local", orchard::local_params{.max_nodes = 1, .max_tasks = 4, .output_dir = dir.path()});
    client.load("mock");
    const std::vector<job> jobs{{"small", {"true"}, 1, 2}, {"wide", {"true"}, 1, 64}, {"big", {"true"}, 4, 1}};
    const auto report = client.run_burst(jobs);
    CHECK(report.jobs_of("local") == std::vector<std::size_t>{0});
    CHECK(report.jobs_of("mock") == std::vector<std::size_t>{1, 2});
    CHECK(report.ran == std::vector<std::string>{"local", "mock"});
    CHECK(client.plugin<orchard::local_plugin>("local").results().at(0).success());
}

TEST_CASE("local: an output directory that cannot be created fails validation") {
    temp_dir dir;
    const auto file = dir.write("not-a-directory", "x");
    orchard::burst_client<job, orchard::registry<orchard::local_plugin>> client;
    CHECK_THROWS_WITH(client.load("local", orchard::local_params{.output_dir = file / "sub"}),
                      Catch::Matchers::StartsWith("plugin \"local\" was not loaded: its validation failed: cannot "
                                                  "create output_dir"));
}

namespace {
// A job type of someone else's naming, mapped once for every plugin.
struct their_job {
    std::string name;
    std::string program;
    unsigned num_nodes = 1;
};
}  // namespace

template <>
struct orchard::job_traits<their_job> {
    static std::string id(const their_job& j) { return j.name; }
    static std::vector<std::string> command(const their_job& j) { return {j.program}; }
    static std::uint32_t nodes(const their_job& j) { return j.num_nodes; }
    static std::uint32_t tasks(const their_job&) { return 1; }
};

TEST_CASE("local: a job type named otherwise is read through its job_traits specialisation") {
    temp_dir dir;
    orchard::local_plugin local({.max_parallel = 1, .max_nodes = 1, .output_dir = dir.path()});
    CHECK(local.schedule(their_job{"small", "true", 1}));
    CHECK_FALSE(local.schedule(their_job{"big", "true", 100}));  // not taken as one node
    local.run();
    REQUIRE(local.results().size() == 1);
    CHECK(local.results()[0].job == "small");
    CHECK(local.results()[0].success());
}
