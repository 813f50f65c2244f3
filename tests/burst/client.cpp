// The burst client with the mock plugin: loading, configuration per instance, selection, ordering,
// assignment, unmatched jobs, failures, cleanup.
#include <orchard/burst.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using orchard::test::scoped_env;
using orchard::test::temp_dir;

namespace {

struct job {
    std::string id;
    int nodes = 1;
    bool burstable = true;
};

// A second plugin type: takes jobs that fit its node count.
struct small_params {
    int max_nodes = 2;
};
struct small_plugin {
    static constexpr std::string_view name = "small";
    using params_type = small_params;
    explicit small_plugin(const small_params& p) : params(p) {}
    bool schedule(const job& j) {
        if (j.nodes > params.max_nodes) return false;
        taken.push_back(j.id);
        return true;
    }
    void run() { ++runs; }
    small_params params;
    std::vector<std::string> taken;
    int runs = 0;
};

using plugins = orchard::registry<orchard::mock_plugin, small_plugin>;
using client = orchard::burst_client<job, plugins>;

std::vector<job> some_jobs() { return {{"a", 1, true}, {"b", 4, true}, {"c", 1, false}, {"d", 8, true}}; }

}  // namespace

TEST_CASE("plugins load by name, with params bound from their own env prefix") {
    scoped_env env{{"BURSTTEST_SMALL__MAX_NODES", "4"}, {"BURSTTEST_MOCK__CAPACITY", "1"}};
    client c({.env_prefix = "BURSTTEST"});
    c.load("small");
    c.load("mock");
    CHECK(c.instances() == std::vector<std::string>{"small", "mock"});
    CHECK(c.plugin<small_plugin>("small").params.max_nodes == 4);
    CHECK(c.plugin<orchard::mock_plugin>("mock").params().capacity == 1u);
    CHECK(c.plugin<orchard::mock_plugin>("mock").instance() == "mock");
    CHECK_THROWS_WITH(c.plugin<small_plugin>("mock"), "plugin instance \"mock\" is not a small plugin");
}

TEST_CASE("an unknown plugin name lists the choices; a name loaded twice is refused") {
    client c;
    CHECK_THROWS_WITH(c.load("smal"), "unknown plugin \"smal\"; known plugins: mock, small; did you mean \"small\"?");
    c.load("mock");
    CHECK_THROWS_WITH(c.load("mock"), "a plugin is already loaded as \"mock\"");
    CHECK_THROWS_WITH(c.plugin<orchard::mock_plugin>("gone"),
                      "unknown plugin instance \"gone\"; known plugin instances: mock");
}

TEST_CASE("params come from the plugin's config section, the environment winning") {
    temp_dir dir;
    const auto ini = dir.write("burst.ini", "[site.small]\nmax_nodes = 6\n[site.mock]\naccept = false\n");
    scoped_env env{{"CFGTEST_MOCK__ACCEPT", "yes"}};
    client c({.env_prefix = "CFGTEST", .config_namespace = "site", .config_file = ini});
    c.load("small");
    c.load("mock");
    CHECK(c.plugin<small_plugin>("small").params.max_nodes == 6);
    CHECK(c.plugin<orchard::mock_plugin>("mock").params().accept);
}

TEST_CASE("bad plugin params are reported with the plugin's name and every problem") {
    scoped_env env{{"BADTEST_SMALL__MAX_NODES", "many"}, {"BADTEST_SMALL__MAX_NODE", "1"}};
    client c({.env_prefix = "BADTEST"});
    try {
        c.load("small");
        FAIL("loaded");
    } catch (const orchard::binding_error& e) {
        // The misspelt variable is reported with the bad value: it may be why something is missing.
        CHECK(std::string(e.what()).starts_with("cannot bind the parameters of plugin \"small\": 2 problems\n"));
        CHECK(e.problems().at(0).source == "environment variable BADTEST_SMALL__MAX_NODES");
        CHECK(e.problems().at(1).to_string() ==
              "environment variable BADTEST_SMALL__MAX_NODE: matches no parameter under the prefix BADTEST_SMALL__; "
              "did you mean BADTEST_SMALL__MAX_NODES?");
    }
    CHECK_FALSE(c.loaded("small"));
}

TEST_CASE("params built in code; the wrong params type is an error") {
    client c;
    c.load("small", small_params{.max_nodes = 3});
    CHECK(c.plugin<small_plugin>("small").params.max_nodes == 3);
    CHECK_THROWS_WITH(c.load("mock", small_params{}), Catch::Matchers::StartsWith("plugin \"mock\" takes ") &&
                                                          Catch::Matchers::Contains("mock_params, not "));
}

TEST_CASE("a plugin whose validation fails is not loaded, and the error says why") {
    client c;
    CHECK_THROWS_WITH(c.load("mock", orchard::mock_params{.valid = false}),
                      "plugin \"mock\" was not loaded: its validation failed: mock plugin configured with valid=false");
    CHECK_FALSE(c.loaded("mock"));
    CHECK(c.instances().empty());
}

TEST_CASE("each selected job goes to the first plugin that accepts it; the rest are unmatched") {
    client c;
    c.load("small", small_params{.max_nodes = 2});
    c.load("mock", orchard::mock_params{.capacity = 1});
    const auto jobs = some_jobs();
    const orchard::burst_report r = c.run_burst(jobs);
    REQUIRE(r.assigned.size() == 2);
    CHECK(r.jobs_of("small") == std::vector<std::size_t>{0});
    CHECK(r.jobs_of("mock") == std::vector<std::size_t>{1});
    CHECK(r.unmatched == std::vector<std::size_t>{3});  // d: too big for small, mock is full
    CHECK(r.skipped == std::vector<std::size_t>{2});    // c is not burstable
    CHECK(r.ran == std::vector<std::string>{"small", "mock"});
    CHECK(r.failures.empty());
    const auto& mock = c.plugin<orchard::mock_plugin>("mock");
    CHECK(mock.calls() == std::vector<std::string>{"schedule b", "schedule d", "run"});
    CHECK(mock.jobs_run() == 1);
    CHECK(c.plugin<small_plugin>("small").runs == 1);
}

TEST_CASE("plugins without jobs are not run; plugin failures are reported, not thrown") {
    client c;
    c.load("mock", orchard::mock_params{.fail_run = true});
    c.load("small");
    const std::vector<job> jobs{{"x", 1, true}};
    const auto r = c.run_burst(jobs);
    CHECK(r.jobs_of("mock") == std::vector<std::size_t>{0});
    CHECK(r.ran.empty());
    REQUIRE(r.failures.size() == 1);
    CHECK(r.failures[0].plugin == "mock");
    CHECK(r.failures[0].what == "run: mock plugin \"mock\" was told to fail");
    CHECK(c.plugin<small_plugin>("small").runs == 0);
}

TEST_CASE("selection and ordering are policies, overridable at run time") {
    struct reverse_order {
        std::vector<std::string> operator()(std::vector<std::string> names) const {
            return {names.rbegin(), names.rend()};
        }
    };
    orchard::burst_client<job, plugins, orchard::job_selection<orchard::select_all>,
                          orchard::plugin_order<reverse_order>>
        c;
    c.load("small");
    c.load("mock");
    auto r = c.run_burst(some_jobs());
    CHECK(r.skipped.empty());
    CHECK(r.jobs_of("mock") == std::vector<std::size_t>{0, 1, 2, 3});  // mock is first now, and takes all

    c.select_jobs([](const job& j) { return j.nodes > 2; });
    c.order_plugins([](std::vector<std::string>) { return std::vector<std::string>{"small"}; });
    r = c.run_burst(some_jobs());
    CHECK(r.skipped == std::vector<std::size_t>{0, 2});
    CHECK(r.unmatched == std::vector<std::size_t>{1, 3});
    c.order_plugins([](std::vector<std::string>) { return std::vector<std::string>{"small", "nope"}; });
    CHECK_THROWS_WITH(c.run_burst(some_jobs()),
                      "unknown plugin instance \"nope\"; known plugin instances: small, mock");
}

TEST_CASE("one plugin type loaded twice under two names, each with its own configuration") {
    scoped_env env{{"TWICE_EAST__CAPACITY", "1"}, {"TWICE_WEST__ACCEPT", "false"}};
    client c({.env_prefix = "TWICE"});
    c.load_as("west", "mock");
    c.load_as("east", "mock");
    CHECK(c.plugin<orchard::mock_plugin>("east").instance() == "east");
    const auto r = c.run_burst(some_jobs());
    CHECK(r.jobs_of("east") == std::vector<std::size_t>{0});
    CHECK(r.unmatched == std::vector<std::size_t>{1, 3});
    CHECK(c.plugin<orchard::mock_plugin>("west").calls() ==
          std::vector<std::string>{"schedule a", "schedule b", "schedule d"});
}

TEST_CASE("cleanup and unburst reach the plugins that support them") {
    client c;
    c.load("small");
    c.load("mock");
    CHECK(c.cleanup() == std::vector<std::string>{"mock"});
    c.cleanup("mock", "flux-bursted-cluster");
    CHECK(c.unburst() == std::vector<std::string>{"mock"});
    CHECK(c.plugin<orchard::mock_plugin>("mock").calls() ==
          std::vector<std::string>{"cleanup", "cleanup flux-bursted-cluster", "unburst"});
    CHECK_THROWS_WITH(c.cleanup("small"), "plugin \"small\" has no cleanup()");
}

TEST_CASE("instance names make variables of their own: malformed or overlapping ones are refused") {
    client c({.env_prefix = "NAMES"});
    c.load_as("gke", "mock");
    c.load_as("gke-east", "mock");  // NAMES_GKE__* and NAMES_GKE_EAST__* never overlap
    CHECK(c.env_prefix_of("gke-east") == "NAMES_GKE_EAST__");
    CHECK_THROWS_WITH(c.load_as("gke_east", "mock"),
                      "plugin instance \"gke_east\" would read the variables of \"gke-east\" (NAMES_GKE_EAST__*): give "
                      "it another name");
    CHECK_THROWS_WITH(c.load_as("gke--west", "mock"),
                      Catch::Matchers::StartsWith("plugin instance name \"gke--west\" has a '-' or '_' at its start or "
                                                  "next to another"));
    CHECK_THROWS_WITH(c.load_as("a.b", "mock"), Catch::Matchers::Contains("has a character other than"));
}

TEST_CASE("variables of one instance are not unknown keys of another; typos are warnings, or errors when strict") {
    scoped_env env{{"WARN_GKE__CAPACITY", "2"}, {"WARN_GKE_EAST__CAPACITY", "3"}, {"WARN_GKE__CAPACTY", "9"}};
    SECTION("warnings by default") {
        client c({.env_prefix = "WARN"});
        c.load_as("gke", "mock");
        c.load_as("gke-east", "mock");
        CHECK(c.plugin<orchard::mock_plugin>("gke").params().capacity == 2u);
        CHECK(c.plugin<orchard::mock_plugin>("gke-east").params().capacity == 3u);
        REQUIRE(c.warnings().size() == 1);
        CHECK(c.warnings()[0].to_string() ==
              "environment variable WARN_GKE__CAPACTY: matches no parameter under the prefix WARN_GKE__ (plugin "
              "\"gke\"); did you mean WARN_GKE__CAPACITY?");
    }
    SECTION("errors when strict") {
        client c({.env_prefix = "WARN", .strict = true});
        CHECK_THROWS_WITH(c.load_as("gke", "mock"), Catch::Matchers::Contains("did you mean WARN_GKE__CAPACITY?"));
        c.load_as("gke-east", "mock");
        // gke did not load, so nothing reads its variables now; gke-east's are all its own.
        for (const auto& w : c.warnings()) CHECK(w.source.starts_with("environment variable WARN_GKE__"));
    }
}

namespace {
struct aliased {
    static constexpr std::string_view name = "kubernetes";
    static constexpr std::array<std::string_view, 1> aliases{"k8s"};
    bool schedule(const job&) { return true; }
    void run() {}
};
}  // namespace

TEST_CASE("a plugin loads by an alias, under the name it was given") {
    orchard::burst_client<job, orchard::registry<aliased>> c;
    c.load("k8s");
    CHECK(c.instances() == std::vector<std::string>{"k8s"});
    CHECK(c.run_burst(some_jobs()).jobs_of("k8s") == std::vector<std::size_t>{0, 1, 3});
}

TEST_CASE("a variable under the client's prefix that no loaded instance reads is a warning, with a guess") {
    scoped_env env{{"STRAY_MOCK__CAPACITY", "2"}, {"STRAY_MOCK_CAPACITY", "3"}};
    client c({.env_prefix = "STRAY"});
    c.load("mock");
    const auto warnings = c.warnings();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].to_string() ==
          "environment variable STRAY_MOCK_CAPACITY: is under STRAY_ but no loaded plugin instance reads it; did you "
          "mean STRAY_MOCK__CAPACITY?");
}
