// The compile-time registry: names in order, lookup, dispatch from a run-time name, unknown names.
#include <orchard/plugin.hpp>

#include <catch2/catch.hpp>

#include <boost/hana/size.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

struct job {
    int id = 0;
};

struct alpha_params {
    int n = 1;
};
struct alpha {
    static constexpr std::string_view name = "alpha";
    static constexpr std::string_view version = "2.1.0";
    using params_type = alpha_params;
    explicit alpha(const alpha_params& p) : n(p.n) {}
    bool schedule(const job&) { return true; }
    void run() {}
    bool validate() const { return n > 0; }
    int n;
};

struct beta_params {
    std::string label = "b";
};
struct beta {
    static constexpr std::string_view name = "beta";
    using params_type = beta_params;
    beta(const beta_params&, std::string_view instance) : instance(instance) {}
    bool schedule(const job& j) { return j.id % 2 == 0; }
    void run() {}
    orchard::verdict validate() const { return orchard::verdict::failure("beta is never valid"); }
    std::string instance;
};

using plugins = orchard::registry<alpha, beta>;

}  // namespace

TEST_CASE("a registry knows its plugins' names, in registration order") {
    STATIC_REQUIRE(plugins::size == 2);
    STATIC_REQUIRE(plugins::names()[0] == "alpha");
    STATIC_REQUIRE(plugins::names()[1] == "beta");
    STATIC_REQUIRE(plugins::contains("beta"));
    STATIC_REQUIRE_FALSE(plugins::contains("gamma"));
    STATIC_REQUIRE(plugins::index_of("beta") == 1);
    STATIC_REQUIRE(decltype(boost::hana::size(plugins::types))::value == 2);
}

TEST_CASE("visit dispatches a run-time name to the plugin's type") {
    const auto describe = [](auto type) {
        using P = typename decltype(type)::type;
        return std::string(P::name) + "/" + std::string(orchard::plugin_version<P>());
    };
    CHECK(plugins::visit("alpha", describe) == "alpha/2.1.0");
    CHECK(plugins::visit("beta", describe) == "beta/");
    const std::string runtime_name = std::string("be") + "ta";
    CHECK(plugins::visit(runtime_name, [](auto type) { return std::is_same_v<typename decltype(type)::type, beta>; }));
}

TEST_CASE("an unknown name is an error that lists the choices and guesses the intent") {
    try {
        plugins::visit("alhpa", [](auto) {});
        FAIL("visit accepted an unknown name");
    } catch (const orchard::unknown_plugin& e) {
        CHECK(std::string(e.what()) == "unknown plugin \"alhpa\"; known plugins: alpha, beta; did you mean \"alpha\"?");
        CHECK(e.name() == "alhpa");
        CHECK(e.known() == std::vector<std::string>{"alpha", "beta"});
    }
    CHECK_THROWS_WITH(plugins::visit("zzzzzz", [](auto) {}), "unknown plugin \"zzzzzz\"; known plugins: alpha, beta");
}

TEST_CASE("for_each visits every plugin type in order") {
    std::vector<std::string> seen;
    plugins::for_each([&](auto type) { seen.emplace_back(decltype(type)::type::name); });
    CHECK(seen == std::vector<std::string>{"alpha", "beta"});
}

TEST_CASE("plugin concepts and validation") {
    STATIC_REQUIRE(orchard::plugin<alpha>);
    STATIC_REQUIRE(orchard::burst_plugin<alpha, job>);
    STATIC_REQUIRE(orchard::validating_plugin<alpha>);
    STATIC_REQUIRE_FALSE(orchard::plugin<job>);
    STATIC_REQUIRE_FALSE(orchard::cleaning_plugin<alpha>);
    CHECK(orchard::validate_plugin(alpha(alpha_params{1})).ok());
    const auto bad = orchard::validate_plugin(alpha(alpha_params{0}));
    CHECK_FALSE(bad.ok());
    CHECK(bad.reason() == "validate() returned false");
    CHECK(orchard::validate_plugin(beta(beta_params{}, "b")).reason() == "beta is never valid");
}

namespace {

// Neither parameters nor a constructor: both are optional.
struct gamma_plugin {
    static constexpr std::string_view name = "gamma";
    static constexpr std::array<std::string_view, 2> aliases{"g", "gam"};
    bool schedule(const job&) { return false; }
    void run() {}
};

using with_aliases = orchard::registry<alpha, gamma_plugin>;

}  // namespace

TEST_CASE("aliases resolve to their plugin; the unknown-name message lists them and suggests among them") {
    STATIC_REQUIRE(with_aliases::index_of("gam") == 1);
    STATIC_REQUIRE(with_aliases::resolve("g") == "gamma");
    STATIC_REQUIRE(with_aliases::resolve("gamma") == "gamma");
    STATIC_REQUIRE(with_aliases::resolve("delta").empty());
    CHECK(with_aliases::visit("g", [](auto type) { return std::string(decltype(type)::type::name); }) == "gamma");
    CHECK_THROWS_WITH(with_aliases::visit("gan", [](auto) {}),
                      "unknown plugin \"gan\"; known plugins: alpha, gamma (g, gam); did you mean \"gam\"?");
}

TEST_CASE("a plugin without parameters or constructor is a plugin; params_of gives orchard::no_params") {
    STATIC_REQUIRE(orchard::plugin<gamma_plugin>);
    STATIC_REQUIRE(std::is_same_v<orchard::params_of<gamma_plugin>, orchard::no_params>);
    STATIC_REQUIRE(std::is_same_v<orchard::params_of<alpha>, alpha_params>);
    const std::string made = orchard::construct_plugin<gamma_plugin>(
        {}, "gamma", [](const auto&... args) { return std::to_string(sizeof...(args)) + " arguments"; });
    CHECK(made == "0 arguments");
    CHECK(orchard::construct_plugin<beta>({}, "b", [](const auto&... args) { return sizeof...(args); }) == 2u);
}
