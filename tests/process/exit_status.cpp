// exit_status values, and the line splitter fed in every possible cut of its input.
#include <orchard/process.hpp>
#include <orchard/process/detail/line_splitter.hpp>

#include <catch2/catch.hpp>

#include <csignal>
#include <string>
#include <vector>

namespace {

namespace pr = orchard::process;

// Feeds `text` in pieces of `piece` bytes (bounded by the splitter's free space, as read() would be).
std::vector<std::string> split(std::string_view text, std::size_t max_line, std::size_t piece) {
    orchard::detail::line_splitter splitter(max_line);
    std::vector<std::string> lines;
    const auto emit = [&](std::string_view line) { lines.emplace_back(line); };
    while (!text.empty()) {
        const auto space = splitter.free_space();
        const std::size_t count = std::min({piece, space.size(), text.size()});
        text.copy(space.data(), count);
        text.remove_prefix(count);
        splitter.commit(count, emit);
    }
    splitter.finish(emit);
    return lines;
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("exit_status tells an exit code from a signal") {
    constexpr auto ok = pr::exit_status::from_code(0);
    STATIC_REQUIRE(ok.exited());
    STATIC_REQUIRE(ok.success());
    STATIC_REQUIRE(ok.code() == 0);
    STATIC_REQUIRE(!ok.signal());

    constexpr auto failed = pr::exit_status::from_code(3);
    STATIC_REQUIRE(!failed.success());
    STATIC_REQUIRE(failed.shell_code() == 3);

    const auto killed = pr::exit_status::from_signal(SIGKILL);
    CHECK(killed.signaled());
    CHECK(!killed.success());
    CHECK(!killed.code());
    CHECK(killed.code() != 0);
    CHECK(killed.signal() == SIGKILL);
    CHECK(killed.shell_code() == 128 + SIGKILL);
    CHECK(to_string(killed) == "killed by signal 9 (SIGKILL)");
    CHECK(to_string(pr::exit_status::from_signal(SIGSEGV, true)) == "killed by signal 11 (SIGSEGV), core dumped");
    CHECK(to_string(failed) == "exited with code 3");
    CHECK(killed == pr::exit_status::from_signal(SIGKILL));
    CHECK(killed != pr::exit_status::from_code(128 + SIGKILL));
}

TEST_CASE("line splitter: lines come out the same however the bytes are cut") {
    const std::string text = "first\nsecond\n\nlast without newline";
    for (std::size_t piece = 1; piece <= text.size(); ++piece) {
        CAPTURE(piece);
        CHECK(split(text, 64, piece) == strings{"first", "second", "", "last without newline"});
    }
}

TEST_CASE("line splitter: long lines come out in pieces of the limit") {
    for (std::size_t piece = 1; piece <= 12; ++piece) {
        CAPTURE(piece);
        CHECK(split("abcdefghij\nxy\n", 4, piece) == strings{"abcd", "efgh", "ij", "xy"});
        // A line of exactly the limit, or a multiple of it, ends without an extra empty piece...
        CHECK(split("abcd\nef", 4, piece) == strings{"abcd", "ef"});
        CHECK(split("abcdefgh\n", 4, piece) == strings{"abcd", "efgh"});
        // ...but a real empty line after it is kept.
        CHECK(split("abcd\n\nx", 4, piece) == strings{"abcd", "", "x"});
        CHECK(split("abcdefghijkl", 4, piece) == strings{"abcd", "efgh", "ijkl"});
    }
    CHECK(split("", 4, 1).empty());
    CHECK(split("\n", 4, 1) == strings{""});
}
