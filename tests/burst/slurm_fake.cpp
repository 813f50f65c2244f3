// The slurm plugin against stand-in Slurm commands (small shell scripts, run as real processes):
// the sbatch arguments it builds, and what it does when Slurm refuses, fails or forgets a job.
#include <orchard/burst.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

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
    std::optional<std::chrono::minutes> time_limit{};
    std::optional<orchard::byte_size> memory{};
    bool burstable = true;
};

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

// A directory of stand-in Slurm commands. Each records its arguments (one per line) in
// <name>.args; the partition has one 4-CPU node. Tests replace the commands they need.
class fake_slurm {
public:
    fake_slurm() {
        command("scontrol",
                "echo 'PartitionName=fake Default=YES State=UP TotalNodes=1 TotalCPUs=4 MaxNodes=UNLIMITED "
                "MaxTime=UNLIMITED MaxMemPerNode=UNLIMITED'");
        command("sinfo", "echo 'f1|4|8000|idle'");
        // Job ids 100, 101, ... from a counter file.
        command("sbatch", "n=$(cat " + file("next") + " 2>/dev/null || echo 100); echo $((n + 1)) > " + file("next") +
                              "; echo \"$SLURM_CONF\" > " + file("sbatch.conf") + "; echo $n");
        command("squeue", "echo 'squeue: error: not scripted' >&2; exit 1");
        command("sacct", "echo 'Slurm accounting storage is disabled' >&2; exit 1");
        command("scancel", "touch " + file("cancelled"));
    }

    // Replaces a command: `body` runs after its arguments were recorded.
    void command(const std::string& name, const std::string& body) {
        const auto path =
            dir_.write(name, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> " + file(name + ".args") + "\n" + body + "\n");
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    }

    std::filesystem::path path(const std::string& name) const { return dir_.path() / name; }
    // The path as a word for the scripts.
    std::string file(const std::string& name) const { return orchard::detail::shell_quote(path(name).string()); }
    std::string args(const std::string& name) const { return read(dir_.path() / (name + ".args")); }
    bool exists(const std::string& name) const { return std::filesystem::exists(dir_.path() / name); }

    orchard::slurm_params params() const {
        orchard::slurm_params p;
        p.poll_interval = 10ms;
        p.output_dir = dir_.path() / "out";
        for (auto [field, name] : {std::pair{&p.commands.sbatch, "sbatch"},
                                   {&p.commands.squeue, "squeue"},
                                   {&p.commands.sacct, "sacct"},
                                   {&p.commands.scancel, "scancel"},
                                   {&p.commands.scontrol, "scontrol"},
                                   {&p.commands.sinfo, "sinfo"}})
            *field = (dir_.path() / name).string();
        return p;
    }

private:
    temp_dir dir_;
};

}  // namespace

TEST_CASE("slurm fake: sbatch gets the job's resources as separate arguments and the script runs its command") {
    fake_slurm slurm;
    auto params = slurm.params();
    params.account = "physics";
    params.memory = orchard::byte_size::mib(512);
    params.sbatch_options = {"--qos=debug", "--comment=a b"};
    params.slurm_conf = "/nowhere/slurm.conf";
    orchard::slurm_plugin plugin(params);
    REQUIRE(plugin.schedule(job{"hello world", {"echo", "it's $HOME"}, 1, 2, 90min, orchard::byte_size::gib(1)}));
    REQUIRE(plugin.schedule(job{"defaults", {"true"}, 0, 0}));
    plugin.submit();

    const auto& r = plugin.results();
    REQUIRE(r.size() == 2);
    CHECK(r[0].slurm_id == "100");
    CHECK(r[0].state == "PENDING");
    CHECK(r[1].slurm_id == "101");
    const std::filesystem::path out = params.output_dir;
    CHECK(r[0].std_out == out / "hello_world.out");
    CHECK(slurm.args("sbatch") ==
          "--parsable\n--job-name=hello world\n--output=" + (out / "hello_world.out").string() +
              "\n--error=" + (out / "hello_world.err").string() +
              "\n--partition=fake\n--nodes=1\n--ntasks=2\n--cpus-per-task=1\n--account=physics\n"
              "--time=0-01:30:00\n--mem=1024M\n--qos=debug\n--comment=a b\n" +
              (out / "hello_world.sbatch").string() + "\n" +
              // the second job: the plugin's defaults
              "--parsable\n--job-name=defaults\n--output=" + (out / "defaults.out").string() +
              "\n--error=" + (out / "defaults.err").string() +
              "\n--partition=fake\n--nodes=1\n--ntasks=1\n--cpus-per-task=1\n--account=physics\n"
              "--mem=512M\n--qos=debug\n--comment=a b\n" +
              (out / "defaults.sbatch").string() + "\n");
    CHECK(read(r[0].script) ==
          "#!/bin/sh\n# job hello world, written by orchard's slurm burst plugin\nexec echo 'it'\\''s $HOME'\n");
    CHECK(read(slurm.path("sbatch.conf")) == "/nowhere/slurm.conf\n");
    const auto script = orchard::process::run({.program = "sh", .args = {r[0].script.string()}});
    CHECK(script.std_out == "it's $HOME\n");
}

TEST_CASE("slurm fake: a job sbatch refuses ends as REFUSED with sbatch's message") {
    fake_slurm slurm;
    slurm.command("sbatch",
                  "echo 'sbatch: error: Batch job submission failed: Invalid account or account/partition "
                  "combination specified' >&2; exit 1");
    orchard::slurm_plugin plugin(slurm.params());
    std::vector<std::string> seen;
    plugin.on_change([&](const orchard::slurm_result& r) { seen.push_back(r.job + " " + r.state); });
    REQUIRE(plugin.schedule(job{"a", {"true"}}));
    plugin.run();
    const auto& r = plugin.results().at(0);
    CHECK(r.state == "REFUSED");
    CHECK(r.ended());
    CHECK_FALSE(r.success());
    CHECK(r.error ==
          "sbatch exited with code 1: sbatch: error: Batch job submission failed: Invalid account or "
          "account/partition combination specified");
    CHECK(seen == std::vector<std::string>{"a REFUSED"});
}

TEST_CASE("slurm fake: squeue failing again and again stops run() with its message") {
    fake_slurm slurm;
    slurm.command("squeue", "echo 'squeue: error: Unable to contact slurm controller (connect failure)' >&2; exit 1");
    auto params = slurm.params();
    params.max_failed_polls = 3;
    orchard::slurm_plugin plugin(params);
    REQUIRE(plugin.schedule(job{"a", {"true"}}));
    CHECK_THROWS_WITH(plugin.run(),
                      "squeue failed 3 times in a row: squeue: error: Unable to contact slurm controller "
                      "(connect failure)");
    CHECK(plugin.active() == 1);
    plugin.cleanup();  // cancels what Slurm may still run
    CHECK(slurm.args("scancel") == "100\n");
}

TEST_CASE("slurm fake: one squeue call per poll for all jobs; the exit code is decoded") {
    fake_slurm slurm;
    slurm.command("squeue",
                  "printf '100|COMPLETED|0|None|\\n101|FAILED|768|NonZeroExitCode|\\n102|TIMEOUT|15|TimeLimit|\\n'");
    orchard::slurm_plugin plugin(slurm.params());
    for (const char* id : {"a", "b", "c"}) REQUIRE(plugin.schedule(job{id, {"true"}}));
    plugin.run();
    CHECK(slurm.args("squeue") == "--noheader\n--states=all\n--user=" + std::to_string(::getuid()) +
                                      "\n--jobs=100,101,102\n--Format=JobID:|,State:|,exit_code:|,Reason:|\n");
    const auto& r = plugin.results();
    CHECK(r[0].success());
    CHECK(r[1].state == "FAILED");
    CHECK(r[1].status->code() == 3);
    CHECK(r[1].reason == "NonZeroExitCode");
    CHECK(r[2].state == "TIMEOUT");
    CHECK(r[2].status->signal() == 15);
    CHECK(r[2].ended_at >= r[2].submitted_at);
}

TEST_CASE("slurm fake: a job squeue has forgotten is asked of sacct, or ends UNKNOWN with the reason") {
    fake_slurm slurm;
    slurm.command("squeue", "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1");
    SECTION("accounting knows it") {
        slurm.command("sacct", "echo '100|CANCELLED by 0|0:9|None'");
        orchard::slurm_plugin plugin(slurm.params());
        REQUIRE(plugin.schedule(job{"a", {"true"}}));
        plugin.run();
        CHECK(slurm.args("sacct") ==
              "--noheader\n--parsable2\n--allocations\n--jobs=100\n--format=JobID,State,ExitCode,Reason\n");
        CHECK(plugin.results()[0].state == "CANCELLED");
        CHECK(plugin.results()[0].status == orchard::process::exit_status::from_signal(9));
    }
    SECTION("there is no accounting") {
        orchard::slurm_plugin plugin(slurm.params());
        REQUIRE(plugin.schedule(job{"a", {"true"}}));
        plugin.run();
        const auto& r = plugin.results()[0];
        CHECK(r.state == "UNKNOWN");
        CHECK(r.error ==
              "Slurm no longer lists job 100 and accounting cannot say how it ended (sacct exited with code "
              "1: Slurm accounting storage is disabled); without accounting, keep MinJobAge well above the "
              "poll interval");
    }
}

TEST_CASE("slurm fake: a job pending for a reason Slurm never lifts is cancelled") {
    fake_slurm slurm;
    slurm.command("squeue", "if [ -e " + slurm.file("cancelled") +
                                " ]; then echo '100|CANCELLED|0|PartitionConfig|'; "
                                "else echo '100|PENDING|0|PartitionConfig|'; fi");
    orchard::slurm_plugin plugin(slurm.params());
    REQUIRE(plugin.schedule(job{"a", {"true"}}));
    plugin.run();
    CHECK(slurm.args("scancel") == "100\n");
    const auto& r = plugin.results()[0];
    CHECK(r.state == "CANCELLED");
    CHECK(r.error == "Slurm would never start it (pending for PartitionConfig), so it was cancelled");
}

TEST_CASE("slurm fake: unburst withdraws jobs not started; cleanup cancels the rest; cancel picks one") {
    fake_slurm slurm;
    slurm.command("squeue", "printf '100|RUNNING|0|None|\\n101|PENDING|0|Resources|\\n102|PENDING|0|Priority|\\n'");
    orchard::slurm_plugin plugin(slurm.params());
    for (const char* id : {"running", "waiting", "also-waiting"}) REQUIRE(plugin.schedule(job{id, {"true"}}));
    plugin.submit();
    CHECK(plugin.poll() == 3);

    plugin.unburst();
    CHECK(slurm.args("scancel") == "--state=PENDING\n101\n102\n");
    plugin.cleanup();
    CHECK(slurm.args("scancel") == "--state=PENDING\n101\n102\n100\n101\n102\n");
    CHECK(plugin.cancel("running"));
    CHECK(slurm.args("scancel") == "--state=PENDING\n101\n102\n100\n101\n102\n100\n");
    CHECK_FALSE(plugin.cancel("no such job"));

    orchard::slurm_plugin later(slurm.params());
    REQUIRE(later.schedule(job{"never", {"true"}}));
    CHECK(later.cancel("never"));
    CHECK(later.results()[0].state == "CANCELLED");
    CHECK(later.results()[0].error == "cancelled before it was submitted");
    later.run();  // nothing left to submit
    CHECK_FALSE(later.results()[0].submitted());
}

TEST_CASE("slurm fake: validation fails fast on a missing configuration and names Slurm's complaint") {
    fake_slurm slurm;
    auto params = slurm.params();
    params.slurm_conf = "/no/such/slurm.conf";
    CHECK(orchard::slurm_plugin(params).validate().reason() ==
          "the Slurm configuration /no/such/slurm.conf does not exist (slurm_conf)");

    slurm.command("scontrol", "echo 'Partition gpu not found'; exit 1");
    params = slurm.params();
    params.partition = "gpu";
    orchard::burst_client<job, orchard::registry<orchard::slurm_plugin>> client;
    CHECK_THROWS_WITH(client.load("slurm", params),
                      "plugin \"slurm\" was not loaded: its validation failed: scontrol "
                      "show partition gpu: Partition gpu not found");
}

TEST_CASE("slurm fake: jobs the partition cannot run are left to other plugins, each with its reason") {
    fake_slurm slurm;
    orchard::burst_client<job, orchard::registry<orchard::slurm_plugin, orchard::mock_plugin>> client;
    client.load("slurm", slurm.params());
    client.load("mock");
    const std::vector<job> jobs{{"fits", {"true"}, 1, 4},
                                {"too-wide", {"true"}, 2, 1},
                                {"too-many-tasks", {"true"}, 1, 5},
                                {"too-big", {"true"}, 1, 1, {}, orchard::byte_size::gib(8)},
                                {"no-command", {}}};
    slurm.command("squeue", "echo '100|COMPLETED|0|None|'");
    const auto report = client.run_burst(jobs);
    CHECK(report.jobs_of("slurm") == std::vector<std::size_t>{0});
    CHECK(report.jobs_of("mock") == std::vector<std::size_t>{1, 2, 3, 4});
    const auto& rejected = client.plugin<orchard::slurm_plugin>("slurm").rejected();
    REQUIRE(rejected.size() == 4);
    CHECK(rejected[0].reason == "asks for 2 nodes; partition fake has 1");
    CHECK(rejected[1].reason ==
          "asks for 5 CPUs (5 tasks of 1) on 1 node; partition fake has 4 CPUs on its largest node");
    CHECK(rejected[2].reason == "asks for 8G of memory per node; partition fake has 7.8G on its largest node");
    CHECK(rejected[3].reason == "the job has no command");
}
