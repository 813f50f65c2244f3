// The slurm plugin's text, without Slurm: batch scripts whose arguments real shells read back
// unchanged, sbatch option values, parsing of Slurm's output, placement checks, and its params.
#include <orchard/burst/plugins/slurm.hpp>
#include <orchard/params.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace detail = orchard::detail;

namespace {

// The words a shell passes to printf after reading the batch script: each printed in brackets.
std::string shell_reads(const std::string& shell, const std::vector<std::string>& words) {
    std::vector<std::string> command{"printf", "[%s]\\n"};
    command.insert(command.end(), words.begin(), words.end());
    const auto result =
        orchard::process::run({.program = shell, .args = {"-c", detail::batch_script("test", command)}});
    REQUIRE(result.status.success());
    return result.std_out;
}

std::string bracketed(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += "[" + w + "]\n";
    return out;
}

}  // namespace

TEST_CASE("slurm text: every argument reaches the program unchanged through sh, dash and bash") {
    const std::vector<std::string> words{
        "plain",
        "two words",
        "it's",
        "\"double\"",
        "$HOME",
        "${PATH}",
        "$(id -u)",
        "`id -u`",
        "back\\slash",
        "line1\nline2",
        "tab\there",
        "*",
        "?",
        "[ab]",
        "~",
        "~root",
        "#not a comment",
        "a;b",
        "a&&b",
        "a|b",
        "a>b",
        "{a,b}",
        "!",
        "''",
        "'\\''",
        "-n",
        "--",
        "%s",
        "trailing\n",
        "\n",
        " ",
        "é ü 中文",
        "a=b",
        "x\\",
        "\\'",
    };
    for (const std::string shell : {"sh", "dash", "bash"}) {
        INFO("shell " << shell);
        CHECK(shell_reads(shell, words) == bracketed(words));
    }
    // printf prints "[]\n" for an empty argument only if it is passed: it is.
    CHECK(shell_reads("sh", {""}) == "[]\n");
}

TEST_CASE("slurm text: quoting leaves plain words alone and quotes the rest") {
    CHECK(detail::shell_quote("echo") == "echo");
    CHECK(detail::shell_quote("/usr/bin/env") == "/usr/bin/env");
    CHECK(detail::shell_quote("--mem=2G,x:y@z%1+2") == "--mem=2G,x:y@z%1+2");
    CHECK(detail::shell_quote("") == "''");
    CHECK(detail::shell_quote("a b") == "'a b'");
    CHECK(detail::shell_quote("it's") == "'it'\\''s'");
    CHECK(detail::shell_quote("~") == "'~'");
    CHECK(detail::shell_quote("#") == "'#'");
}

TEST_CASE("slurm text: the batch script's title cannot add lines to the script") {
    const std::string script = detail::batch_script("job x\nrm -rf /tmp/nothing\r", {"true"});
    CHECK(script == "#!/bin/sh\n# job x rm -rf /tmp/nothing \nexec true\n");
    CHECK(detail::batch_script("t", {"hostname"}, "srun") == "#!/bin/sh\n# t\nexec srun hostname\n");
}

TEST_CASE("slurm text: commands that cannot be written into a batch script") {
    CHECK(detail::unscriptable({}) == "the job has no command");
    CHECK(detail::unscriptable({""}) == "the job's program name is empty");
    CHECK(detail::unscriptable({"-x"}) == "the job's program name starts with '-'");
    CHECK(detail::unscriptable({"echo", std::string("a\0b", 3)}) == "an argument of the job contains a NUL byte");
    CHECK_FALSE(detail::unscriptable({"echo", "-n", ""}).has_value());
}

TEST_CASE("slurm text: sbatch option values") {
    CHECK(detail::slurm_time(90s) == "0-00:01:30");
    CHECK(detail::slurm_time(26h + 3min + 4s) == "1-02:03:04");
    CHECK(detail::slurm_memory(orchard::byte_size::gib(2).bytes) == "2048M");
    CHECK(detail::slurm_memory(1) == "1M");
    CHECK(detail::slurm_memory(0) == "0M");
    CHECK(detail::slurm_path_pattern("/out/50%/%j.out") == "/out/50%%/%%j.out");
    CHECK(detail::slurm_file_name("a/../b c%j") == "a_.._b_c_j");
    CHECK(detail::slurm_file_name(".hidden") == "_.hidden");
    CHECK(detail::slurm_file_name("") == "_");
}

TEST_CASE("slurm text: what sbatch, squeue and sacct print") {
    CHECK(detail::parse_sbatch_id("1234\n") == "1234");
    CHECK(detail::parse_sbatch_id("1234;cluster-a\n") == "1234");
    CHECK(detail::parse_sbatch_id("sbatch: warning: x\n77\n") == "77");
    CHECK_FALSE(detail::parse_sbatch_id("Submitted batch job 12").has_value());
    CHECK_FALSE(detail::parse_sbatch_id("").has_value());

    CHECK(detail::slurm_wait_status(0) == orchard::process::exit_status::from_code(0));
    CHECK(detail::slurm_wait_status(768) == orchard::process::exit_status::from_code(3));
    CHECK(detail::slurm_wait_status(15) == orchard::process::exit_status::from_signal(15));
    CHECK(detail::slurm_wait_status(0x89) == orchard::process::exit_status::from_signal(9, true));
    CHECK(detail::parse_sacct_exit("3:0") == orchard::process::exit_status::from_code(3));
    CHECK(detail::parse_sacct_exit("0:15") == orchard::process::exit_status::from_signal(15));
    CHECK_FALSE(detail::parse_sacct_exit("x").has_value());

    const auto jobs =
        detail::parse_squeue("1|FAILED|768|NonZeroExitCode     \n\n2|PENDING|0|ReqNodeNotAvail, Reserved|\n");
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].id == "1");
    CHECK(jobs[0].state == "FAILED");
    CHECK(jobs[0].reason == "NonZeroExitCode");
    CHECK(jobs[0].status->code() == 3);
    CHECK(jobs[1].reason == "ReqNodeNotAvail, Reserved");

    const auto accounted = detail::parse_sacct("5|CANCELLED by 0|0:15|None\n6|COMPLETED|0:0|None\n");
    REQUIRE(accounted.size() == 2);
    CHECK(accounted[0].state == "CANCELLED");
    CHECK(accounted[0].status->signal() == 15);
    CHECK(accounted[1].status->success());

    CHECK(detail::slurm_state_final("COMPLETED"));
    CHECK(detail::slurm_state_final("OUT_OF_MEMORY"));
    CHECK_FALSE(detail::slurm_state_final("COMPLETING"));
    CHECK_FALSE(detail::slurm_state_final("PENDING"));

    CHECK(detail::slurm_message("sbatch: error: a\nsbatch: error: b\n", "ignored") ==
          "sbatch: error: a; sbatch: error: b");
    CHECK(detail::slurm_message("", "Partition nope not found\n") == "Partition nope not found");
}

TEST_CASE("slurm text: what scontrol prints") {
    const auto records = detail::parse_scontrol_records(
        "PartitionName=debug Default=YES MaxTime=1-00:00:00 TRES=cpu=2,mem=1G State=UP\n"
        "NodeName=n1 OS=Linux 6.1.0 #1 SMP RealMemory=100\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].at("TRES") == "cpu=2,mem=1G");
    CHECK(records[0].at("State") == "UP");
    CHECK(records[1].at("OS") == "Linux 6.1.0 #1 SMP");
    CHECK(records[1].at("RealMemory") == "100");

    CHECK(detail::parse_slurm_time("1-00:00:00") == 24h);
    CHECK(detail::parse_slurm_time("00:30:00") == 30min);
    CHECK(detail::parse_slurm_time("30") == 30min);
    CHECK_FALSE(detail::parse_slurm_time("UNLIMITED").has_value());
    CHECK(detail::parse_slurm_memory_mib("24151") == std::uint64_t(24151) << 20);
    CHECK(detail::describe_bytes(std::uint64_t(24151) << 20) == "23.6G");
    CHECK(detail::describe_bytes(orchard::byte_size::tib(1).bytes) == "1T");
    CHECK(detail::describe_bytes(orchard::byte_size::mib(512).bytes) == "512M");
}

TEST_CASE("slurm text: which requests a partition can place, and why not") {
    orchard::slurm_partition p;
    p.name = "batch";
    p.state = "UP";
    p.total_nodes = 2;
    p.total_cpus = 12;
    p.max_time = 1h;
    p.nodes = {{"n1", 8, std::uint64_t(16) << 30, "idle"}, {"n2", 4, std::uint64_t(8) << 30, "idle"}};
    const auto misfit = [&](orchard::slurm_request r) { return detail::slurm_misfit(p, r).value_or("fits"); };

    CHECK(misfit({.nodes = 1, .tasks = 8}) == "fits");
    CHECK(misfit({.nodes = 2, .tasks = 12}) == "fits");
    CHECK(misfit({.nodes = 1, .tasks = 4, .cpus_per_task = 2}) == "fits");
    CHECK(misfit({.nodes = 1, .tasks = 9}) ==
          "asks for 9 CPUs (9 tasks of 1) on 1 node; partition batch has 8 CPUs on its largest node");
    CHECK(misfit({.nodes = 2, .tasks = 5, .cpus_per_task = 3}) ==
          "asks for 15 CPUs (5 tasks of 3) on 2 nodes; partition batch has 12 CPUs on its largest 2 nodes");
    CHECK(misfit({.nodes = 3}) == "asks for 3 nodes; partition batch has 2");
    CHECK(misfit({.time_limit = 2h}) == "asks for a time limit of 0-02:00:00; partition batch allows 0-01:00:00");
    CHECK(misfit({.memory = std::uint64_t(16) << 30}) == "fits");
    CHECK(misfit({.memory = std::uint64_t(17) << 30}) ==
          "asks for 17G of memory per node; partition batch has 16G on its largest node");
    CHECK(misfit({.nodes = 2, .memory = std::uint64_t(10) << 30}) ==
          "asks for 10G of memory per node; partition batch has 8G on its 2 largest nodes");

    p.max_nodes = 1;
    CHECK(misfit({.nodes = 2}) == "asks for 2 nodes; partition batch allows 1 per job");
    p.max_nodes.reset();
    p.max_cpus_per_node = 2;
    CHECK(misfit({.tasks = 3}) ==
          "asks for 3 CPUs (3 tasks of 1) on 1 node; partition batch has 2 CPUs on its largest node");
    p.state = "DOWN";
    CHECK(misfit({}) == "partition batch is DOWN");
}

TEST_CASE("slurm text: the plugin's params are bound like any other") {
    orchard::test::scoped_env env{
        {"TEST_SLURM_PARTITION", "gpu"},
        {"TEST_SLURM_TIME_LIMIT", "1h30m"},
        {"TEST_SLURM_MEMORY", "2G"},
        {"TEST_SLURM_SBATCH_OPTIONS", "--qos=debug,--exclusive"},
        {"TEST_SLURM_LAUNCH", "srun"},
        {"TEST_SLURM_POLL_INTERVAL", "250ms"},
        {"TEST_SLURM_SLURM_CONF", "/etc/slurm-test/slurm.conf"},
        {"TEST_SLURM_COMMANDS__SBATCH", "/opt/slurm/bin/sbatch"},
    };
    const auto p = orchard::bind<orchard::slurm_params>(orchard::from_env("TEST_SLURM_"));
    CHECK(p.partition == "gpu");
    CHECK(p.time_limit == 90min);
    CHECK(p.memory == orchard::byte_size::gib(2));
    CHECK(p.sbatch_options == std::vector<std::string>{"--qos=debug", "--exclusive"});
    CHECK(p.launch == orchard::slurm_launch::srun);
    CHECK(p.poll_interval == 250ms);
    CHECK(p.slurm_conf == std::filesystem::path("/etc/slurm-test/slurm.conf"));
    CHECK(p.commands.sbatch == "/opt/slurm/bin/sbatch");
    CHECK(p.commands.squeue == "squeue");
    CHECK(p.nodes == 1);

    const std::string sample = orchard::sample_ini<orchard::slurm_params>("fluxburst.slurm");
    CHECK_THAT(sample, Catch::Matchers::Contains("poll_interval"));
    CHECK_THAT(sample, Catch::Matchers::Contains("commands.sbatch"));
}
