// The slurm plugin against a real one-node Slurm cluster (scripts/slurm-local, brought up by a
// CTest fixture; SLURM_CONF points at it): real jobs, their output files and exit codes, a
// cancelled job, a failing one, and jobs larger than the node.
#include <orchard/burst.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using orchard::test::temp_dir;

namespace {

struct job {
    std::string id;
    std::vector<std::string> command;
    int nodes = 1;
    int tasks = 1;
    std::optional<orchard::byte_size> memory{};
    bool burstable = true;
};

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

// The cluster the fixture brought up; every test fails with the way to bring one up otherwise.
std::filesystem::path slurm_conf() {
    const char* conf = std::getenv("SLURM_CONF");
    if (!conf || !std::filesystem::exists(conf))
        FAIL(
            "SLURM_CONF must name a running cluster's slurm.conf: run `scripts/slurm-local up` and export the "
            "line it prints (ctest does this through the `slurm_cluster` fixture)");
    return conf;
}

orchard::slurm_params local_params(const temp_dir& dir) {
    orchard::slurm_params p;
    p.poll_interval = 100ms;
    p.output_dir = dir.path();
    p.slurm_conf = slurm_conf();
    return p;
}

}  // namespace

TEST_CASE("slurm: the plugin finds the local cluster's partition and node") {
    temp_dir dir;
    orchard::slurm_plugin slurm(local_params(dir));
    const auto answer = slurm.validate();
    INFO(answer.reason());
    REQUIRE(answer.ok());
    const auto& p = slurm.partition();
    CHECK(p.name == "debug");
    CHECK(p.state == "UP");
    REQUIRE(p.nodes.size() == 1);
    CHECK(p.nodes[0].name == "localhost");
    CHECK(p.nodes[0].cpus >= 1);
    CHECK(p.nodes[0].memory > 0);
}

TEST_CASE("slurm: jobs run to the end, with their output files and exit codes") {
    temp_dir dir;
    orchard::slurm_plugin slurm(local_params(dir));
    const std::vector<std::string> tricky{"two words", "it's",        "\"q\"", "$HOME", "`id -u`",
                                          "a\nb",      "back\\slash", "*",     ""};
    std::vector<std::string> printf_command{"printf", "[%s]\\n"};
    printf_command.insert(printf_command.end(), tricky.begin(), tricky.end());
    REQUIRE(slurm.schedule(job{"hello", {"echo", "hello from slurm"}}));
    REQUIRE(slurm.schedule(job{"failing", {"sh", "-c", "echo about to fail >&2; exit 3"}}));
    REQUIRE(slurm.schedule(job{"quoting", printf_command}));
    REQUIRE(slurm.schedule(job{"missing", {"orchard-no-such-program"}}));
    slurm.run();

    const auto& hello = *slurm.result("hello");
    CHECK(hello.state == "COMPLETED");
    CHECK(hello.success());
    CHECK(!hello.slurm_id.empty());
    CHECK(read(hello.std_out) == "hello from slurm\n");
    CHECK(hello.std_out == dir.path() / "hello.out");

    const auto& failing = *slurm.result("failing");
    CHECK(failing.state == "FAILED");
    CHECK(failing.reason == "NonZeroExitCode");
    CHECK(failing.status == orchard::process::exit_status::from_code(3));
    CHECK(read(failing.std_err) == "about to fail\n");
    CHECK_FALSE(failing.success());

    std::string expected;
    for (const auto& word : tricky) expected += "[" + word + "]\n";
    CHECK(read(slurm.result("quoting")->std_out) == expected);

    const auto& missing = *slurm.result("missing");
    CHECK(missing.state == "FAILED");
    CHECK(missing.status->code() == 127);  // the shell's "not found"
    CHECK_THAT(read(missing.std_err), Catch::Matchers::Contains("orchard-no-such-program"));
    for (const auto& r : slurm.results()) CHECK(r.ended_at >= r.submitted_at);
}

TEST_CASE("slurm: a running job is cancelled") {
    temp_dir dir;
    orchard::slurm_plugin slurm(local_params(dir));
    REQUIRE(slurm.schedule(job{"long", {"sleep", "300"}}));
    std::vector<std::string> states;
    // The plugin reports each state it sees; once the job runs, cancel it.
    slurm.on_change([&](const orchard::slurm_result& r) {
        states.push_back(r.state);
        if (r.state == "RUNNING") CHECK(slurm.cancel(r.job));
    });
    const auto start = std::chrono::steady_clock::now();
    slurm.run();
    CHECK(std::chrono::steady_clock::now() - start < 60s);
    const auto& r = slurm.results().at(0);
    CHECK(r.state == "CANCELLED");
    CHECK_FALSE(r.success());
    CHECK(std::find(states.begin(), states.end(), "RUNNING") != states.end());
    CHECK(states.back() == "CANCELLED");
}

TEST_CASE("slurm: jobs larger than the node are not scheduled, with the reason") {
    temp_dir dir;
    orchard::slurm_plugin slurm(local_params(dir));
    const auto& node = slurm.partition().nodes.at(0);
    CHECK_FALSE(slurm.schedule(job{"wide", {"true"}, 2, 1}));
    CHECK_FALSE(slurm.schedule(job{"many", {"true"}, 1, int(node.cpus) + 1}));
    CHECK_FALSE(
        slurm.schedule(job{"huge", {"true"}, 1, 1, orchard::byte_size{node.memory + (std::uint64_t(1) << 30)}}));
    REQUIRE(slurm.rejected().size() == 3);
    CHECK(slurm.rejected()[0].reason == "asks for 2 nodes; partition debug has 1");
    CHECK(slurm.rejected()[1].reason ==
          "asks for " + std::to_string(node.cpus + 1) + " CPUs (" + std::to_string(node.cpus + 1) +
              " tasks of 1) on 1 node; partition debug has " + std::to_string(node.cpus) + " CPUs on its largest node");
    CHECK_THAT(slurm.rejected()[2].reason, Catch::Matchers::StartsWith("asks for "));
    CHECK_THAT(slurm.rejected()[2].reason, Catch::Matchers::Contains("of memory per node; partition debug has"));
    CHECK(slurm.results().empty());
}

TEST_CASE("slurm: the burst client bursts what fits to Slurm and the rest to the next plugin") {
    temp_dir dir;
    orchard::burst_client<job, orchard::registry<orchard::slurm_plugin, orchard::mock_plugin>> client;
    client.load("slurm", local_params(dir));
    client.load("mock");
    const std::vector<job> jobs{{"small", {"sh", "-c", "echo $SLURM_JOB_ID"}}, {"wide", {"true"}, 64}};
    const auto report = client.run_burst(jobs);
    CHECK(report.failures.empty());
    CHECK(report.jobs_of("slurm") == std::vector<std::size_t>{0});
    CHECK(report.jobs_of("mock") == std::vector<std::size_t>{1});
    const auto& slurm = client.plugin<orchard::slurm_plugin>("slurm");
    const auto& small = slurm.results().at(0);
    CHECK(small.success());
    CHECK(read(small.std_out) == small.slurm_id + "\n");
    CHECK(slurm.rejected().at(0).job == "wide");
    CHECK(client.cleanup() == std::vector<std::string>{"slurm", "mock"});
}

TEST_CASE("slurm: launched with srun, the command runs once per task") {
    temp_dir dir;
    auto params = local_params(dir);
    params.launch = orchard::slurm_launch::srun;
    orchard::slurm_plugin slurm(params);
    REQUIRE(slurm.schedule(job{"tasks", {"sh", "-c", "echo task $SLURM_PROCID"}, 1, 2}));
    slurm.run();
    const auto& r = slurm.results().at(0);
    INFO(read(r.std_err));
    CHECK(r.success());
    std::vector<std::string> lines;
    std::istringstream out(read(r.std_out));
    for (std::string line; std::getline(out, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    CHECK(lines == std::vector<std::string>{"task 0", "task 1"});
}

TEST_CASE("slurm: Slurm's refusals come back with Slurm's message") {
    temp_dir dir;
    SECTION("sbatch refuses a job") {
        auto params = local_params(dir);
        params.sbatch_options = {"--constraint=orchard-no-such-feature"};
        orchard::slurm_plugin slurm(params);
        REQUIRE(slurm.schedule(job{"refused", {"true"}}));
        slurm.run();
        const auto& r = slurm.results().at(0);
        CHECK(r.state == "REFUSED");
        CHECK_THAT(r.error, Catch::Matchers::StartsWith("sbatch exited with code 1: sbatch: error:"));
        CHECK_THAT(r.error, Catch::Matchers::Contains("Invalid feature specification"));
    }
    SECTION("a job Slurm would keep pending for ever is cancelled") {
        // The extra option overrides the plugin's --ntasks after its check: the partition's limits
        // are not enforced at submission here, so Slurm accepts the job and holds it.
        auto params = local_params(dir);
        params.sbatch_options = {"--ntasks=1000"};
        orchard::slurm_plugin slurm(params);
        REQUIRE(slurm.schedule(job{"held", {"true"}}));
        slurm.run();
        const auto& r = slurm.results().at(0);
        CHECK(r.state == "CANCELLED");
        CHECK_THAT(r.error, Catch::Matchers::StartsWith("Slurm would never start it (pending for Partition"));
    }
    SECTION("an unknown partition fails validation") {
        auto params = local_params(dir);
        params.partition = "orchard-no-such-partition";
        orchard::burst_client<job, orchard::registry<orchard::slurm_plugin>> client;
        CHECK_THROWS_WITH(client.load("slurm", params),
                          "plugin \"slurm\" was not loaded: its validation failed: scontrol show partition "
                          "orchard-no-such-partition: Partition orchard-no-such-partition not found");
    }
}
