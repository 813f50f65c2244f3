// Messages become petitions through params/ (or the hooks' convert); bad ones are answered, not dropped.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace orchard;

namespace {

struct hello_petition {
    std::string id;
    int priority = 0;
    int counter = 1;
    double sleep_time = 0;
};

struct null_hooks {
    int run(hello_petition&, petition_context&) { return 0; }
};

// Orcha's hello world computes the priority from the fields.
struct converting_hooks {
    int run(hello_petition&, petition_context&) { return 0; }
    std::optional<hello_petition> convert(const message& m) {
        struct extras {
            int counter = 1;
            double sleep_time = 0;
        };
        const auto e = bind<extras>(from_map(m.extras, "petition " + m.id));
        if (e.counter < 0) return std::nullopt;
        return hello_petition{m.id, int(e.counter * e.sleep_time), e.counter, e.sleep_time};
    }
};

}  // namespace

TEST_CASE("by default a message's extras are bound into the petition's fields") {
    manager<hello_petition, manager_hooks<null_hooks>> m({.max_workers = 1});
    const auto p = m.convert(message{"hw-1", {{"counter", "3"}, {"sleep-time", "0.5"}}});
    CHECK(p.id == "hw-1");
    CHECK(p.counter == 3);
    CHECK(p.sleep_time == 0.5);
}

TEST_CASE("a message with bad extras is rejected with every problem, and nothing is queued") {
    manager<hello_petition, manager_hooks<null_hooks>> m({.max_workers = 1});
    try {
        m.submit_message(message{"hw-2", {{"counter", "three"}, {"sleep_tme", "1"}}});
        FAIL("accepted");
    } catch (const invalid_message& e) {
        CHECK(e.id() == "hw-2");
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].to_string() ==
              "counter: key \"counter\" of petition hw-2 = \"three\" is not an integer; expected an integer in "
              "[-2147483648, 2147483647]");
        CHECK(e.problems()[1].to_string() ==
              "key \"sleep_tme\" of petition hw-2: matches no parameter; did you mean \"sleep_time\"?");
        CHECK_THAT(std::string(e.what()),
                   Catch::Matchers::StartsWith("message \"hw-2\" does not make a valid petition"));
    }
    CHECK(m.queued() == 0);
}

TEST_CASE("the hooks' convert computes fields; returning nothing rejects the message") {
    manager<hello_petition, manager_hooks<converting_hooks>> m({.max_workers = 1});
    const auto p = m.convert(message{"hw-3", {{"counter", "3"}, {"sleep_time", "2"}}});
    CHECK(p.priority == 6);
    CHECK_THROWS_WITH(m.convert(message{"hw-4", {{"counter", "-1"}}}),
                      "message \"hw-4\" does not make a valid petition");
    CHECK_THROWS_AS(m.convert(message{"hw-5", {{"counter", "x"}}}), invalid_message);
}
