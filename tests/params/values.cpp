// Every built-in value type: what parses, what is rejected and why, and how values are written back.
#include <orchard/params.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

template <class T>
T parsed(std::string_view text) {
    T value{};
    const auto result = orchard::parse_value(text, value);
    INFO("parsing \"" << text << "\": " << result.reason());
    REQUIRE(result.ok());
    return value;
}

template <class T>
std::string rejection(std::string_view text) {
    T value{};
    const auto result = orchard::parse_value(text, value);
    INFO("parsing \"" << text << "\"");
    REQUIRE_FALSE(result.ok());
    return result.reason();
}

enum class level { debug, info, warning_level };

struct host_port {
    std::string host;
    int port = 0;
};

}  // namespace

// A user type through the one customization point.
template <>
struct orchard::value_traits<host_port> {
    static std::string describe() { return "host:port"; }
    static verdict parse(std::string_view text, host_port& out) {
        const auto colon = text.rfind(':');
        if (colon == text.npos) return verdict::failure("has no port");
        int port = 0;
        if (auto r = value_traits<int>::parse(text.substr(colon + 1), port); !r.ok())
            return verdict::failure("has a port that " + r.reason());
        out = {std::string(text.substr(0, colon)), port};
        return {};
    }
    static std::string format(const host_port& e) { return e.host + ":" + std::to_string(e.port); }
};

TEST_CASE("booleans accept true/false, yes/no, on/off and 1/0 in any case, nothing else") {
    for (auto yes : {"true", "TRUE", "True", "1", "yes", "Yes", "on", "ON", " true "}) CHECK(parsed<bool>(yes));
    for (auto no : {"false", "False", "0", "no", "NO", "off", "Off"}) CHECK_FALSE(parsed<bool>(no));
    for (auto bad : {"", "y", "n", "2", "truee", "False!", "-1"}) CHECK(rejection<bool>(bad) == "is not a boolean");
    CHECK(orchard::format_value(true) == "true");
}

TEST_CASE("integers are range-checked, never wrapped") {
    CHECK(parsed<std::uint8_t>("255") == 255);
    CHECK(rejection<std::uint8_t>("300") == "is out of range");
    CHECK(rejection<std::uint8_t>("256") == "is out of range");
    CHECK(rejection<unsigned>("-1") == "is out of range (negative)");
    CHECK(parsed<unsigned>("-0") == 0u);
    CHECK(rejection<int>("12abc") == "is not an integer");
    CHECK(rejection<int>("99999999999") == "is out of range");
    CHECK(rejection<int>("") == "is empty");
    CHECK(rejection<int>("1.5") == "is not an integer");
    CHECK(rejection<unsigned>("-x") == "is not an integer");
    CHECK(parsed<int>("-42") == -42);
    CHECK(parsed<int>("+42") == 42);
    CHECK(parsed<int>(" 7 ") == 7);
    CHECK(parsed<std::int64_t>("-9223372036854775808") == INT64_MIN);
    CHECK(rejection<std::int64_t>("9223372036854775808") == "is out of range");
    CHECK(parsed<std::int8_t>("-128") == -128);
    CHECK(rejection<std::int8_t>("128") == "is out of range");
    CHECK(orchard::describe_value<std::uint8_t>() == "an integer in [0, 255]");
    CHECK(orchard::format_value<std::int8_t>(-5) == "-5");
}

TEST_CASE("floating point numbers are finite") {
    CHECK(parsed<double>("1.5") == 1.5);
    CHECK(parsed<double>("-2e3") == -2000.0);
    CHECK(parsed<float>("0.25") == 0.25f);
    CHECK(rejection<double>("nan") == "is not a finite number");
    CHECK(rejection<double>("inf") == "is not a finite number");
    CHECK(rejection<double>("1.5x") == "is not a number");
    CHECK(rejection<float>("1e60") == "is out of range");
    CHECK(parsed<double>(orchard::format_value(0.1)) == 0.1);
}

TEST_CASE("strings are taken as they are; paths must not be empty") {
    CHECK(parsed<std::string>("  spaced  ") == "  spaced  ");
    CHECK(parsed<std::string>("").empty());
    CHECK(parsed<std::filesystem::path>("/var/lib/orchard") == std::filesystem::path("/var/lib/orchard"));
    CHECK(rejection<std::filesystem::path>("") == "is empty");
    CHECK(parsed<char>("x") == 'x');
    CHECK(rejection<char>("xy") == "is not a single character");
}

TEST_CASE("durations read units, combinations and batch-system clock forms") {
    CHECK(parsed<std::chrono::seconds>("90") == 90s);
    CHECK(parsed<std::chrono::milliseconds>("90") == 90ms);
    CHECK(parsed<std::chrono::milliseconds>("250ms") == 250ms);
    CHECK(parsed<std::chrono::seconds>("90s") == 90s);
    CHECK(parsed<std::chrono::seconds>("5m") == 5min);
    CHECK(parsed<std::chrono::seconds>("1h30m") == 90min);
    CHECK(parsed<std::chrono::seconds>("1h 30m") == 90min);
    CHECK(parsed<std::chrono::seconds>("2d") == 48h);
    CHECK(parsed<std::chrono::seconds>("1w") == 168h);
    CHECK(parsed<std::chrono::seconds>("01:30:00") == 90min);
    CHECK(parsed<std::chrono::seconds>("05:30") == 330s);
    CHECK(parsed<std::chrono::seconds>("1-02") == 26h);
    CHECK(parsed<std::chrono::seconds>("1-02:03") == 26h + 3min);
    CHECK(parsed<std::chrono::seconds>("1-02:03:04") == 26h + 3min + 4s);
    CHECK(parsed<std::chrono::minutes>("1.5h") == 90min);
    CHECK(parsed<std::chrono::microseconds>("3us") == 3us);
    CHECK(parsed<std::chrono::nanoseconds>("7ns") == 7ns);
    CHECK(parsed<std::chrono::seconds>("-5s") == -5s);
    CHECK(parsed<std::chrono::duration<double>>("250ms").count() == Approx(0.25));
    CHECK(rejection<std::chrono::seconds>("250ms") == "is not a whole number of seconds");
    CHECK(rejection<std::chrono::seconds>("5x") == "has an unknown unit 'x' (use ns, us, ms, s, m, h, d or w)");
    CHECK(rejection<std::chrono::seconds>("1h30") == "has a number without a unit (use ns, us, ms, s, m, h, d or w)");
    CHECK(rejection<std::chrono::seconds>("01:75:00") == "has minutes or seconds above 59");
    CHECK(rejection<std::chrono::seconds>("1:2:3:4") == "is not a duration");
    CHECK(rejection<std::chrono::seconds>("") == "is empty");
    CHECK(rejection<std::chrono::seconds>("h") == "is not a duration");
    CHECK(rejection<std::chrono::nanoseconds>("0.5ns") == "is finer than a nanosecond");
    CHECK(rejection<std::chrono::duration<std::int8_t>>("200s") == "is out of range");
    CHECK(rejection<std::chrono::seconds>("99999999999999999999999999999999d") == "is out of range");
}

TEST_CASE("durations are written back in the largest units that are exact") {
    CHECK(orchard::format_value(std::chrono::seconds(5400)) == "1h30m");
    CHECK(orchard::format_value(std::chrono::milliseconds(1500)) == "1s500ms");
    CHECK(orchard::format_value(std::chrono::seconds(0)) == "0s");
    CHECK(orchard::format_value(std::chrono::hours(49)) == "2d1h");
    for (auto text : {"1h30m", "250ms", "2d", "1s500ms", "3us"})
        CHECK(orchard::format_value(parsed<std::chrono::nanoseconds>(text)) == text);
}

TEST_CASE("byte sizes use powers of 1024 and must be whole bytes") {
    CHECK(parsed<orchard::byte_size>("512").bytes == 512);
    CHECK(parsed<orchard::byte_size>("64K").bytes == 64 * 1024);
    CHECK(parsed<orchard::byte_size>("512M") == orchard::byte_size::mib(512));
    CHECK(parsed<orchard::byte_size>("2G") == orchard::byte_size::gib(2));
    CHECK(parsed<orchard::byte_size>("1.5G") == orchard::byte_size::mib(1536));
    CHECK(parsed<orchard::byte_size>("2GiB") == orchard::byte_size::gib(2));
    CHECK(parsed<orchard::byte_size>("2gb") == orchard::byte_size::gib(2));
    CHECK(parsed<orchard::byte_size>("1T") == orchard::byte_size::tib(1));
    CHECK(rejection<orchard::byte_size>("1.1K") == "is not a whole number of bytes");
    CHECK(rejection<orchard::byte_size>("3X") == "has an unknown unit (use K, M, G, T, P or E)");
    CHECK(rejection<orchard::byte_size>("-1G") == "is not a byte size");
    CHECK(rejection<orchard::byte_size>("16E") == "is out of range");
    CHECK(rejection<orchard::byte_size>("") == "is empty");
    CHECK(orchard::format_value(orchard::byte_size::mib(1536)) == "1536M");
    CHECK(orchard::format_value(orchard::byte_size{1000}) == "1000");
}

TEST_CASE("enums are read by enumerator name, case-insensitively, '-' for '_'") {
    CHECK(parsed<level>("debug") == level::debug);
    CHECK(parsed<level>("INFO") == level::info);
    CHECK(parsed<level>("warning-level") == level::warning_level);
    CHECK(rejection<level>("trace") == "is not a known name");
    CHECK(orchard::describe_value<level>() == "one of: debug, info, warning_level");
    CHECK(orchard::format_value(level::warning_level) == "warning_level");
    STATIC_REQUIRE(orchard::enumerator_names<level>().size() == 3);
}

TEST_CASE("lists are comma-separated, with quotes or backslashes for commas") {
    using list = std::vector<std::string>;
    CHECK(parsed<list>("a,b,c") == list{"a", "b", "c"});
    CHECK(parsed<list>(" a , b ") == list{"a", "b"});
    CHECK(parsed<list>("").empty());
    CHECK(parsed<list>(R"("a,b",c)") == list{"a,b", "c"});
    CHECK(parsed<list>(R"(a\,b,c)") == list{"a,b", "c"});
    CHECK(parsed<list>(R"(" padded ",x)") == list{" padded ", "x"});
    CHECK(parsed<list>("a,,b") == list{"a", "", "b"});
    CHECK(rejection<list>(R"("open,b)") == "has an unterminated quote");
    CHECK(rejection<list>(R"(a\)") == "ends with a lone backslash");
    CHECK(parsed<std::vector<int>>("1, 2,3") == std::vector<int>{1, 2, 3});
    CHECK(rejection<std::vector<int>>("1,x,3") == "has item 2 (\"x\") that is not an integer");
    const list tricky{"a,b", "say \"hi\"", "back\\slash", "", " lead"};
    CHECK(parsed<list>(orchard::format_value(tricky)) == tricky);
}

TEST_CASE("maps are key=value pairs") {
    using map = std::map<std::string, int>;
    CHECK(parsed<map>("a=1,b=2") == map{{"a", 1}, {"b", 2}});
    CHECK(parsed<map>(" a = 1 ") == map{{"a", 1}});
    CHECK(parsed<map>("").empty());
    CHECK(rejection<map>("a=1,b") == "has item 2 (\"b\") that is not key=value");
    CHECK(rejection<map>("a=1,a=2") == "has key \"a\" twice");
    CHECK(rejection<map>("a=x") == "has key \"a\" whose value \"x\" is not an integer");
    CHECK(rejection<map>("=1") == "has item 1 with an empty key");
    const std::map<std::string, std::string> tricky{{"k,1", "v=2"}, {"plain", "a,b"}};
    CHECK(parsed<std::map<std::string, std::string>>(orchard::format_value(tricky)) == tricky);
}

TEST_CASE("user types parse through value_traits") {
    const auto e = parsed<host_port>("example.org:8080");
    CHECK(e.host == "example.org");
    CHECK(e.port == 8080);
    CHECK(rejection<host_port>("example.org:http") == "has a port that is not an integer");
    CHECK(parsed<std::vector<host_port>>("a:1,b:2").size() == 2);
}

TEST_CASE("a failed parse leaves the value untouched") {
    std::vector<int> values{9};
    CHECK_FALSE(orchard::parse_value("1,x", values).ok());
    CHECK(values == std::vector<int>{9});
    int number = 5;
    CHECK_FALSE(orchard::parse_value("300000000000", number).ok());
    CHECK(number == 5);
}

TEST_CASE("a duration's description offers only examples the type can hold") {
    // "250ms" is not a std::chrono::seconds: it used to be the first example given for one.
    CHECK(orchard::describe_value<std::chrono::seconds>() ==
          "a whole number of seconds (e.g. 90s, 5m, 1h30m, 2d, 01:30:00; a bare number counts seconds)");
    CHECK(orchard::describe_value<std::chrono::milliseconds>().starts_with(
        "a whole number of milliseconds (e.g. 250ms, "));
    CHECK(orchard::describe_value<std::chrono::duration<double>>().starts_with("a duration (e.g. 250ms, "));
}

TEST_CASE("std::array<T, N> is a list of exactly N items") {
    std::array<int, 3> a{};
    CHECK(orchard::parse_value("1, 2,3", a).ok());
    CHECK(a == std::array<int, 3>{1, 2, 3});
    CHECK(orchard::parse_value("1,2", a).reason() == "has 2 items, not 3");
    CHECK(orchard::parse_value("1,x,3", a).reason() == "has item 2 (\"x\") that is not an integer");
    CHECK(a == std::array<int, 3>{1, 2, 3});  // untouched on failure
    CHECK(orchard::format_value(std::array<std::string, 2>{"a,b", "c"}) == "\"a,b\",c");
    struct hosts {
        std::array<std::string, 2> pair{};
    };
    const orchard::test::scoped_env env{{"ARRAYTEST_PAIR", "10.0.0.1,10.0.0.2"}};
    CHECK(orchard::bind<hosts>(orchard::from_env("ARRAYTEST_")).pair[1] == "10.0.0.2");
}

TEST_CASE("orchard::endpoint: a Unix socket path, HOST:PORT, [IPv6]:PORT or PORT") {
    using orchard::endpoint;
    CHECK(parsed<endpoint>("/run/orchard.sock") == endpoint::unix_socket("/run/orchard.sock"));
    CHECK(parsed<endpoint>("./here.sock").is_unix());
    CHECK(parsed<endpoint>("example.org:8080") == endpoint::tcp("example.org", 8080));
    CHECK(parsed<endpoint>("10.1.2.3:0") == endpoint::tcp("10.1.2.3", 0));
    CHECK(parsed<endpoint>("[::1]:7000") == endpoint::tcp("::1", 7000));
    CHECK(parsed<endpoint>("7000") == endpoint::tcp("127.0.0.1", 7000));
    CHECK(rejection<endpoint>("host:http") == "has a port that is not an integer");
    CHECK(rejection<endpoint>("host:70000") == "has a port that is out of range");
    CHECK(rejection<endpoint>("::1:80") == "has an IPv6 address that is not in brackets ([::1]:80)");
    CHECK(rejection<endpoint>("[::1]") == "has an IPv6 address without \"]:PORT\" after it");
    CHECK(rejection<endpoint>("bad host:80") == "has no valid host");
    CHECK(rejection<endpoint>("") == "is empty");
    CHECK(orchard::format_value(endpoint::tcp("::1", 80)) == "[::1]:80");
    CHECK(parsed<endpoint>(orchard::format_value(endpoint::tcp("::1", 80))) == endpoint::tcp("::1", 80));
}

TEST_CASE("orchard::shell_words splits a command line as a POSIX shell does, expanding nothing") {
    using orchard::shell_words;
    CHECK(parsed<shell_words>("sh -c 'exit 3'").words == std::vector<std::string>{"sh", "-c", "exit 3"});
    CHECK(parsed<shell_words>(R"(printf "a,b\"c" x\ y '$HOME')").words ==
          std::vector<std::string>{"printf", "a,b\"c", "x y", "$HOME"});
    CHECK(parsed<shell_words>(R"("a\b" 'it'\''s')").words == std::vector<std::string>{"a\\b", "it's"});
    CHECK(parsed<shell_words>("   ").words.empty());
    CHECK(rejection<shell_words>("echo 'open") == "has an unterminated single quote");
    CHECK(rejection<shell_words>("echo \"open") == "has an unterminated double quote");
    CHECK(rejection<shell_words>("echo \\") == "ends with a lone backslash");
    const shell_words w{{"sh", "-c", "echo 'hi' $x"}};
    CHECK(orchard::format_value(w) == R"(sh -c 'echo '\''hi'\'' $x')");
    CHECK(parsed<shell_words>(orchard::format_value(w)) == w);
    // In a list, commas separate commands unless inside double quotes (which the list removes).
    CHECK(parsed<std::vector<shell_words>>(R"(sh -c 'exit 3',printf "a,b")").size() == 2);
}
