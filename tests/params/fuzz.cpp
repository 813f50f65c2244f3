// Property: random text into every value parser never crashes and either parses or is reported
// as a problem naming the field, its source and the text.
#include <orchard/params.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

enum class colour { red, green, blue };

struct every_type {
    bool flag = false;
    std::int8_t tiny = 0;
    std::uint16_t small = 0;
    int number = 0;
    std::uint64_t big = 0;
    double real = 0;
    float single = 0;
    char letter = 'a';
    std::string text;
    std::filesystem::path where = "/";
    std::chrono::seconds seconds{};
    std::chrono::milliseconds millis{};
    std::chrono::duration<double> fractional{};
    orchard::byte_size size;
    colour hue = colour::red;
    std::optional<int> maybe;
    std::vector<int> numbers;
    std::vector<std::string> words;
    std::map<std::string, double> weights;
    orchard::secret<std::string> password;
};

std::string random_text(std::mt19937_64& rng) {
    static constexpr std::string_view alphabet = "0123456789-+.:,=\"\\ abcdefhmsKMGTxyzEe\t\n";
    static const std::vector<std::string> seeds = {"1h30m", "01:30:00", "1.5G",      "-1",  "99999999999999999999",
                                                   "true",  "a=1,b=2",  "\"a,b\",c", "nan", "1-02:03:04",
                                                   "250ms"};
    std::string out;
    if (rng() % 3 == 0) out = seeds[rng() % seeds.size()];
    const std::size_t extra = rng() % 12;
    for (std::size_t i = 0; i < extra; ++i) {
        const auto at = out.empty() ? 0 : rng() % (out.size() + 1);
        out.insert(out.begin() + std::ptrdiff_t(at), alphabet[rng() % alphabet.size()]);
    }
    return out;
}

}  // namespace

TEST_CASE("random values never crash a parser and every failure names its field") {
    const auto& fields = orchard::schema<every_type>();
    std::mt19937_64 rng(20261121);
    std::size_t parsed = 0, rejected = 0;
    for (int round = 0; round < 3000; ++round) {
        std::map<std::string, std::string> values;
        for (int n = 0; n < 2; ++n) values[fields[rng() % fields.size()].path] = random_text(rng);
        try {
            orchard::bind<every_type>(orchard::from_map(values));
            ++parsed;
        } catch (const orchard::binding_error& e) {
            ++rejected;
            for (const auto& p : e.problems()) {
                INFO(p.to_string());
                REQUIRE(values.count(p.field) == 1);
                CHECK(p.source == "key \"" + p.field + "\" of the message");
                CHECK_FALSE(p.message.empty());
                if (p.field == "password") CHECK(p.value == std::optional<std::string>("****"));
                else CHECK(p.value == std::optional<std::string>(values.at(p.field)));
            }
        }
    }
    // Both outcomes must have been exercised for the property to mean anything.
    CHECK(parsed > 0);
    CHECK(rejected > 0);
}

TEST_CASE("each parser on its own: random text parses or fails with a reason, and what parses round-trips") {
    std::mt19937_64 rng(7);
    auto check = [&](auto value) {
        using T = decltype(value);
        for (int i = 0; i < 2000; ++i) {
            const std::string text = random_text(rng);
            T out{};
            const auto r = orchard::parse_value(text, out);
            if (!r.ok()) {
                CHECK_FALSE(r.reason().empty());
                continue;
            }
            T again{};
            const std::string written = orchard::format_value(out);
            INFO("\"" << text << "\" was written back as \"" << written << "\"");
            REQUIRE(orchard::parse_value(written, again).ok());
            if constexpr (std::is_floating_point_v<T>) CHECK(again == Approx(out));
            else CHECK(again == out);
        }
    };
    check(bool{});
    check(int{});
    check(std::uint8_t{});
    check(std::int64_t{});
    check(double{});
    check(std::chrono::seconds{});
    check(std::chrono::nanoseconds{});
    check(orchard::byte_size{});
    check(colour{});
    check(std::vector<std::string>{});
    check(std::vector<int>{});
    check(std::map<std::string, int>{});
}
