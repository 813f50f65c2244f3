// Spawning: exit codes, signals, PATH search, spawn errors, environment, working directory, stdio.
#include "support.hpp"

#include <csignal>

using namespace test;

TEST_CASE("exit codes and signals come back as exit_status") {
    CHECK(pr::spawn({.program = "true"}).wait() == pr::exit_status::from_code(0));
    CHECK(pr::spawn({.program = "false"}).wait() == pr::exit_status::from_code(1));
    CHECK(pr::spawn(shell("exit 42")).wait().code() == 42);

    const auto killed = pr::spawn(shell("kill -TERM $$")).wait();
    CHECK(killed.signal() == SIGTERM);
    CHECK(killed.shell_code() == 143);
    CHECK(to_string(killed) == "killed by signal 15 (SIGTERM)");
    CHECK(no_children_left());
}

TEST_CASE("try_wait and wait_for see a running child, and wait returns the same status again") {
    auto sleeper = pr::spawn({.program = "sleep", .args = {"30"}});
    CHECK(sleeper.valid());
    CHECK(sleeper.pid() > 0);
    CHECK(::getpgid(sleeper.pid()) == sleeper.pid());  // it leads its own process group
    CHECK(!sleeper.try_wait());

    const auto start = std::chrono::steady_clock::now();
    CHECK(!sleeper.wait_for(50ms));
    CHECK(std::chrono::steady_clock::now() - start >= 50ms);

    sleeper.kill();
    CHECK(sleeper.wait().signal() == SIGKILL);
    CHECK(sleeper.wait().signal() == SIGKILL);
    CHECK(sleeper.try_wait() == pr::exit_status::from_signal(SIGKILL));
    CHECK(no_children_left());
}

TEST_CASE("the program is searched in PATH, the child's PATH when the command sets one") {
    temp_dir dir;
    write_file(dir / "orchard-test-tool", "#!/bin/sh\necho found \"$@\"\n", std::filesystem::perms::owner_all);

    pr::command command{.program = "orchard-test-tool", .args = {"a b", "$HOME"}};
    command.env.set["PATH"] = dir.path().string() + ":/bin:/usr/bin";
    const auto result = pr::run(command);
    CHECK(result.status.success());
    // Arguments are passed as they are: no splitting, no expansion.
    CHECK(result.std_out == "found a b $HOME\n");
}

TEST_CASE("spawn errors name the program and the reason") {
    temp_dir dir;

    SECTION("not found in PATH") {
        try {
            (void)pr::spawn({.program = "orchard-no-such-program"});
            FAIL("spawn did not throw");
        } catch (const orchard::spawn_error& error) {
            CHECK(error.program() == "orchard-no-such-program");
            CHECK(error.code() == std::errc::no_such_file_or_directory);
            CHECK_THAT(error.what(), Catch::StartsWith("cannot spawn 'orchard-no-such-program': not found in PATH"));
        }
    }
    SECTION("in PATH but not executable") {
        write_file(dir / "orchard-not-executable", "#!/bin/sh\n");
        pr::command command{.program = "orchard-not-executable"};
        command.env.set["PATH"] = dir.path().string();
        CHECK_THROWS_WITH(pr::spawn(command), Catch::Contains("found in PATH but not executable"));
    }
    SECTION("a path that does not exist") {
        CHECK_THROWS_WITH(pr::spawn({.program = "/nonexistent/orchard"}),
                          "cannot spawn '/nonexistent/orchard': No such file or directory");
    }
    SECTION("a file that is not executable, a directory") {
        write_file(dir / "plain", "text\n");
        const std::string plain = (dir / "plain").string();
        CHECK_THROWS_WITH(pr::spawn({.program = plain}), "cannot spawn '" + plain + "': Permission denied");
        CHECK_THROWS_AS(pr::spawn({.program = dir.path().string()}), orchard::spawn_error);
    }
    SECTION("a script whose interpreter is missing") {
        write_file(dir / "script", "#!/nonexistent/interpreter\n", std::filesystem::perms::owner_all);
        CHECK_THROWS_WITH(pr::spawn({.program = (dir / "script").string()}), Catch::Contains("interpreter"));
    }
    SECTION("a working directory that does not exist") {
        CHECK_THROWS_WITH(
            pr::spawn({.program = "true", .working_directory = dir / "missing"}),
            "cannot spawn 'true': working directory '" + (dir / "missing").string() + "': No such file or directory");
    }
    SECTION("an output file that cannot be opened") {
        pr::command command{.program = "true", .std_out = pr::output::to_file(dir / "missing" / "out.txt")};
        CHECK_THROWS_WITH(pr::spawn(command), Catch::Contains("cannot open '" + (dir / "missing" / "out.txt").string() +
                                                              "' for stdout: No such file or directory"));
    }
    SECTION("arguments and environment that cannot be passed") {
        CHECK_THROWS_WITH(pr::spawn({.program = "true", .args = {std::string("a\0b", 3)}}),
                          Catch::Contains("argument 1 contains a NUL byte"));
        pr::command command{.program = "true"};
        command.env.set["A=B"] = "x";
        CHECK_THROWS_WITH(pr::spawn(command), Catch::Contains("invalid environment variable name 'A=B'"));
    }
    SECTION("every spawn error is an orchard::error") { CHECK_THROWS_AS(pr::spawn({.program = ""}), orchard::error); }
    CHECK(no_children_left());
}

TEST_CASE("environment: inherit, set, unset, or start empty") {
    ::setenv("ORCHARD_TEST_INHERITED", "from parent", 1);
    ::setenv("ORCHARD_TEST_REMOVED", "should not be seen", 1);

    pr::command command =
        shell(R"(printf '%s|%s|%s' "$ORCHARD_TEST_INHERITED" "${ORCHARD_TEST_REMOVED-unset}" "$ORCHARD_TEST_SET")");
    command.env.set["ORCHARD_TEST_SET"] = "value with spaces";
    command.env.unset.insert("ORCHARD_TEST_REMOVED");
    CHECK(pr::run(command).std_out == "from parent|unset|value with spaces");

    pr::command empty{.program = "env", .env = {.inherit = false, .set = {{"ONLY", "this"}}}};
    CHECK(pr::run(empty).std_out == "ONLY=this\n");

    ::unsetenv("ORCHARD_TEST_INHERITED");
    ::unsetenv("ORCHARD_TEST_REMOVED");
}

TEST_CASE("working directory, and files relative to it") {
    temp_dir dir;
    std::filesystem::create_directory(dir / "work");
    write_file(dir / "work" / "input.txt", "line from a file\n");

    pr::command command = shell("pwd; cat");
    command.working_directory = dir / "work";
    command.std_in = pr::input::from_file("input.txt");
    command.std_out = pr::output::to_file("output.txt");
    CHECK(pr::spawn(command).wait().success());
    CHECK(read_file(dir / "work" / "output.txt") ==
          std::filesystem::canonical(dir / "work").string() + "\nline from a file\n");
}

TEST_CASE("stdin is /dev/null unless asked otherwise") {
    CHECK(pr::run(shell("if read line; then echo got; else echo eof; fi")).std_out == "eof\n");
}

TEST_CASE("output to files: truncate, append, both streams into one file, discard") {
    temp_dir dir;
    const auto log = dir / "log.txt";
    write_file(log, "old content that must go away\n");

    pr::command first = shell("echo one; echo two >&2");
    first.std_out = pr::output::to_file(log);
    first.std_err = pr::output::to_file(log);
    CHECK(pr::spawn(first).wait().success());
    CHECK(read_file(log) == "one\ntwo\n");

    pr::command second = shell("echo three");
    second.std_out = pr::output::append_to(log);
    CHECK(pr::spawn(second).wait().success());
    CHECK(read_file(log) == "one\ntwo\nthree\n");

    pr::command quiet = shell("echo nobody sees this; echo nor this >&2");
    quiet.std_out = pr::output::discard();
    quiet.std_err = pr::output::capture();
    const auto result = pr::run(quiet);  // run() captures both whatever the command says
    CHECK(result.std_out == "nobody sees this\n");

    lines seen;
    CHECK(pr::spawn(quiet).stream_output(seen.sink()).success());
    CHECK(seen.out.empty());
    CHECK(seen.err == std::vector<std::string>{"nor this"});
}

TEST_CASE("moving a child moves the process, and an empty child refuses to wait") {
    std::vector<pr::child> children;
    children.push_back(pr::spawn(shell("exit 7")));
    pr::child moved = std::move(children.back());
    CHECK(!children.back().valid());
    CHECK(moved.wait().code() == 7);

    pr::child empty;
    CHECK(!empty);
    empty.request_stop(10ms);
    empty.kill();
    CHECK_THROWS_AS(empty.wait(), orchard::process_error);
    CHECK(no_children_left());
}

TEST_CASE("no descriptor is leaked by spawning, streaming or failing to spawn") {
    const std::size_t before = open_descriptor_count();
    for (int i = 0; i < 20; ++i) {
        pr::command command = shell("echo out; echo err >&2");
        command.std_out = pr::output::capture();
        command.std_err = pr::output::capture();
        lines seen;
        CHECK(pr::spawn(command).stream_output(seen.sink()).success());
        CHECK_THROWS_AS(pr::spawn({.program = "true", .working_directory = "/nonexistent"}), orchard::spawn_error);
        auto sleeper = pr::spawn({.program = "sleep", .args = {"30"}});
        sleeper.request_stop(1s);
        CHECK(sleeper.wait().signal() == SIGTERM);
    }
    CHECK(open_descriptor_count() == before);
}

TEST_CASE("a child reaped behind the library's back is an error, not a hang") {
    // With SIGCHLD ignored the kernel reaps children itself, which the documentation forbids.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction previous {};
    ::sigaction(SIGCHLD, &ignore, &previous);
    struct restore {
        struct sigaction& previous;
        ~restore() { ::sigaction(SIGCHLD, &previous, nullptr); }
    } restore_on_exit{previous};

    // spawn itself throws if the child was gone before its pidfd could be opened.
    CHECK_THROWS_AS(pr::spawn({.program = "true"}).wait(), orchard::process_error);
}
