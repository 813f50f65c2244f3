// Streaming captured output line by line, and run() capturing everything.
#include "support.hpp"

using namespace test;

namespace {

pr::command captured(std::string script) {
    pr::command command = shell(std::move(script));
    command.std_out = pr::output::capture();
    command.std_err = pr::output::capture();
    return command;
}

}  // namespace

TEST_CASE("stdout and stderr arrive as lines, the last one even without a newline") {
    lines seen;
    const auto status =
        pr::spawn(captured(R"(printf 'a\nb\n\n'; printf 'e1\ne2' >&2; printf 'last')")).stream_output(seen.sink());
    CHECK(status.success());
    CHECK(seen.out == std::vector<std::string>{"a", "b", "", "last"});
    CHECK(seen.err == std::vector<std::string>{"e1", "e2"});
}

TEST_CASE("lines longer than the limit arrive in pieces of the limit") {
    // 2500 x's then a newline, 2000 y's then a newline, and "end".
    lines seen;
    const auto status = pr::spawn(captured("head -c 2500 /dev/zero | tr '\\0' x; echo; "
                                           "head -c 2000 /dev/zero | tr '\\0' y; echo; printf end"))
                            .stream_output(seen.sink(), 1000);
    CHECK(status.success());
    REQUIRE(seen.out.size() == 6);
    CHECK(seen.out[0] == std::string(1000, 'x'));
    CHECK(seen.out[1] == std::string(1000, 'x'));
    CHECK(seen.out[2] == std::string(500, 'x'));
    CHECK(seen.out[3] == std::string(1000, 'y'));
    CHECK(seen.out[4] == std::string(1000, 'y'));
    CHECK(seen.out[5] == "end");
}

TEST_CASE("a megabyte-long line never grows a buffer beyond the default limit") {
    std::size_t total = 0;
    std::size_t longest = 0;
    const auto status = pr::spawn(captured("head -c 1048576 /dev/zero | tr '\\0' z"))
                            .stream_output([&](pr::stream, std::string_view piece) {
                                total += piece.size();
                                longest = std::max(longest, piece.size());
                            });
    CHECK(status.success());
    CHECK(total == 1048576);
    CHECK(longest == pr::default_max_line);
}

TEST_CASE("both pipes are drained concurrently, so a chatty child never blocks") {
    // Far more than a pipe holds (64 KiB) on both streams at once.
    std::size_t out_lines = 0;
    std::size_t err_lines = 0;
    std::size_t wrong_lines = 0;
    const auto status = pr::spawn(captured("yes out | head -n 50000 & yes err | head -n 50000 >&2; wait"))
                            .stream_output([&](pr::stream which, std::string_view line) {
                                const bool out = which == pr::stream::out;
                                ++(out ? out_lines : err_lines);
                                if (line != (out ? "out" : "err")) ++wrong_lines;
                            });
    CHECK(status.success());
    CHECK(out_lines == 50000);
    CHECK(err_lines == 50000);
    CHECK(wrong_lines == 0);
}

TEST_CASE("wait() drops captured output nobody streams instead of deadlocking") {
    CHECK(pr::spawn(captured("head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2")).wait().success());
}

TEST_CASE("stream_chunks passes the bytes on uncut") {
    std::string out;
    const auto status =
        pr::spawn(captured("printf 'x\\ny'")).stream_chunks([&](pr::stream which, std::string_view bytes) {
            if (which == pr::stream::out) out += bytes;
        });
    CHECK(status.success());
    CHECK(out == "x\ny");
}

TEST_CASE("run captures stdout, stderr and the status, as Slurm's tools need") {
    const auto result =
        pr::run(shell("echo 'Submitted batch job 42'; echo 'sbatch: error: invalid partition' >&2; exit 1"));
    CHECK(result.status.code() == 1);
    CHECK(result.std_out == "Submitted batch job 42\n");
    CHECK(result.std_err == "sbatch: error: invalid partition\n");
    CHECK(no_children_left());
}

TEST_CASE("an exception from the sink propagates, and the child is still stopped and reaped") {
    {
        auto running = pr::spawn(captured("echo first; exec sleep 30"));
        CHECK_THROWS_WITH(
            running.stream_output([](pr::stream, std::string_view) { throw std::runtime_error("sink failed"); }),
            "sink failed");
        CHECK(!running.try_wait());
    }
    CHECK(no_children_left());
}

TEST_CASE("try_wait and wait_for leave captured output for a later stream_output") {
    auto running = pr::spawn(captured("echo a; echo b >&2; echo c"));
    (void)running.try_wait();
    const auto status = running.wait_for(event_timeout);
    REQUIRE(status);
    CHECK(status->success());
    lines seen;
    CHECK(running.stream_output(seen.sink()) == *status);
    CHECK(seen.out == std::vector<std::string>{"a", "c"});
    CHECK(seen.err == std::vector<std::string>{"b"});
}
