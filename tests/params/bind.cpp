// bind(): precedence of sources, provenance, required and secret fields, every problem at once.
#include <orchard/params.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using orchard::test::scoped_env;
using orchard::test::temp_dir;
using namespace std::chrono_literals;

namespace {

struct gke_params {
    orchard::required<std::string> project;
    std::string cluster_name = "flux-cluster";
    std::uint32_t max_nodes = 3;
    orchard::secret<std::string> token;
    orchard::required<orchard::secret<std::string>> api_key;
    std::optional<std::chrono::seconds> timeout;
    std::optional<std::string> zone;

    static constexpr orchard::field_help help[] = {{"project", "Google Cloud project"}};
};

orchard::binding_error failure(auto&&... sources) {
    try {
        orchard::bind<gke_params>(sources...);
    } catch (const orchard::binding_error& e) {
        return e;
    }
    FAIL("binding succeeded but should have failed");
    return orchard::binding_error("nothing", {});
}

}  // namespace

TEST_CASE("later sources win over earlier ones, which win over defaults") {
    temp_dir dir;
    const auto ini = dir.write("gke.ini", "[gke]\nproject = from-file\ncluster_name = file-cluster\napi_key = k\n");
    scoped_env env{{"PREC_PROJECT", "from-env"}, {"PREC_MAX_NODES", "5"}};
    const auto traced = orchard::bind_traced<gke_params>(orchard::from_ini(ini, "gke"), orchard::from_env("PREC_"),
                                                         orchard::from_args({"--max-nodes", "9"}));
    const auto& p = traced.value;
    CHECK(*p.project == "from-env");
    CHECK(p.cluster_name == "file-cluster");
    CHECK(p.max_nodes == 9u);
    CHECK(traced.origin_of("project").description == "environment variable PREC_PROJECT");
    CHECK(traced.origin_of("project").kind == orchard::source_kind::environment);
    CHECK(traced.origin_of("cluster_name").description == ini.string() + ":3");
    CHECK(traced.origin_of("max_nodes").description == "option --max-nodes");
    CHECK(traced.origin_of("zone").kind == orchard::source_kind::defaults);
    CHECK_FALSE(p.zone.has_value());
    CHECK_FALSE(p.timeout.has_value());
}

TEST_CASE("a value overridden by a later source is not parsed, so it cannot fail") {
    scoped_env env{{"OVER_MAX_NODES", "not-a-number"}, {"OVER_PROJECT", "p"}, {"OVER_API_KEY", "k"}};
    const auto p = orchard::bind<gke_params>(orchard::from_env("OVER_"), orchard::from_args({"--max-nodes=4"}));
    CHECK(p.max_nodes == 4u);
}

TEST_CASE("every problem is reported at once, each naming field, source, value and expectation") {
    scoped_env env{{"ALL_MAX_NODES", "-1"}, {"ALL_TIMEOUT", "soon"}};
    const auto e = failure(orchard::from_env("ALL_"), orchard::from_args({"--zone"}));
    std::vector<std::string> got;
    for (const auto& p : e.problems()) got.push_back(p.to_string());
    CHECK(got == std::vector<std::string>{
                     "project: is required but was not set; expected a string; set it with environment variable "
                     "ALL_PROJECT or option --project",
                     "max_nodes: environment variable ALL_MAX_NODES = \"-1\" is out of range (negative); expected an "
                     "integer in [0, 4294967295]",
                     "api_key: is required but was not set; expected a string; set it with environment variable "
                     "ALL_API_KEY or option --api-key",
                     "timeout: environment variable ALL_TIMEOUT = \"soon\" is not a duration; expected a whole number "
                     "of seconds (e.g. 90s, 5m, 1h30m, 2d, 01:30:00; a bare number counts seconds)",
                     "zone: option --zone: needs a value; expected a string"});
    const std::string what = e.what();
    CHECK(what.starts_with("cannot bind "));
    CHECK(what.find("gke_params: 5 problems\n  - project: is required") != std::string::npos);
    CHECK(e.problems()[1].field == "max_nodes");
    CHECK(e.problems()[1].source == "environment variable ALL_MAX_NODES");
    CHECK(e.problems()[1].value == std::optional<std::string>("-1"));
    CHECK(e.problems()[1].expected == "an integer in [0, 4294967295]");
}

TEST_CASE("secrets are masked in every error and dump") {
    scoped_env env{{"MASK_PROJECT", "p"}, {"MASK_API_KEY", "hunter2-api"}};
    const auto e =
        failure(orchard::from_env("MASK_"),
                orchard::from_map(std::map<std::string, std::string>{{"token", "hunter2-token"}, {"max_nodes", "x"}}));
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].field == "max_nodes");
    struct strict_secret {
        orchard::secret<int> pin;
    };
    try {
        orchard::bind<strict_secret>(orchard::from_args({"--pin", "12x34"}));
        FAIL("bound");
    } catch (const orchard::binding_error& error) {
        const std::string what = error.what();
        CHECK(what.find("12x34") == std::string::npos);
        CHECK(what.find("option --pin = \"****\" is not an integer") != std::string::npos);
        CHECK(error.problems().at(0).value == std::optional<std::string>("****"));
    }
    const auto traced =
        orchard::bind_traced<gke_params>(orchard::from_env("MASK_"), orchard::from_args({"--token", "hunter2-token"}));
    CHECK(*traced.value.token == "hunter2-token");
    CHECK(traced.value.api_key->value() == "hunter2-api");
    const std::string dump = orchard::show_config(traced);
    CHECK(dump.find("hunter2") == std::string::npos);
    CHECK(dump.find("token = ****") != std::string::npos);
    CHECK(dump.find("api_key = ****") != std::string::npos);
    std::ostringstream streamed;
    streamed << traced.value.token;
    CHECK(streamed.str() == "****");
}

TEST_CASE("secrets may be read from the file named by <name>_file, in any source") {
    temp_dir dir;
    const auto token = dir.write("token", "s3cret\n");
    const auto key = dir.write("key", "k3y");
    scoped_env env{{"FILE_PROJECT", "p"}, {"FILE_TOKEN_FILE", token.string()}};
    const auto traced = orchard::bind_traced<gke_params>(orchard::from_env("FILE_"),
                                                         orchard::from_args({"--api-key-file", key.string()}));
    CHECK(*traced.value.token == "s3cret");
    CHECK(traced.value.api_key->value() == "k3y");
    CHECK(traced.origin_of("token").description ==
          "environment variable FILE_TOKEN_FILE (file " + token.string() + ")");

    const auto missing = (dir.path() / "nope").string();
    scoped_env bad{{"FILE2_PROJECT", "p"}, {"FILE2_API_KEY_FILE", missing}};
    const auto e = failure(orchard::from_env("FILE2_"));
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].to_string() == "api_key: environment variable FILE2_API_KEY_FILE = \"" + missing +
                                             "\" names a file that cannot be read: No such file or directory; "
                                             "expected a readable file");
}

TEST_CASE("required fields set in code pass validate; unset ones are reported") {
    gke_params p;
    try {
        orchard::validate(p);
        FAIL("validated");
    } catch (const orchard::binding_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].field == "project");
        CHECK(e.problems()[1].field == "api_key");
    }
    p.project = "in-code";
    p.api_key = orchard::secret<std::string>("k");
    CHECK_NOTHROW(orchard::validate(p));
    CHECK_THROWS_AS(gke_params{}.project.value(), orchard::error);
}

TEST_CASE("bind_onto starts from values set in code") {
    gke_params base;
    base.project = "code";
    base.api_key = orchard::secret<std::string>("k");
    base.cluster_name = "code-cluster";
    const auto p = orchard::bind_onto(base, orchard::from_args({"--cluster-name", "cli"}));
    CHECK(*p.project == "code");
    CHECK(p.cluster_name == "cli");
}

TEST_CASE("a struct with only defaults binds from no source at all") {
    struct defaults_only {
        int a = 4;
        std::string b = "x";
    };
    const auto d = orchard::bind<defaults_only>();
    CHECK(d.a == 4);
    CHECK(d.b == "x");
}

namespace {

struct service_part {
    std::string socket = "default.sock";
    int workers = 2;
};

struct marked_args {
    orchard::embedded<service_part> service;
    orchard::checked<int, orchard::at_least<0>, orchard::at_most<10>> counter = 1;
    orchard::computed<int> priority = 0;
    orchard::required<orchard::checked<std::string, orchard::not_empty>> name;
};

struct clashing_args {
    orchard::embedded<service_part> service;
    int workers = 1;  // the embedded struct has one too
};

}  // namespace

TEST_CASE("embedded structs bind without a prefix; checked fields keep their rules; computed ones are not bound") {
    const auto a = orchard::bind<marked_args>(
        orchard::from_args({"--socket", "/tmp/s", "--workers", "5", "--counter", "3", "--name", "n"}));
    CHECK(a.service->socket == "/tmp/s");
    CHECK(a.service->workers == 5);
    CHECK(a.counter * 2 == 6);
    CHECK(**a.name == "n");
    std::vector<std::string> got;
    try {
        (void)orchard::bind<marked_args>(orchard::from_map(
            std::map<std::string, std::string>{{"counter", "11"}, {"name", ""}, {"priority", "0"}}, "petition p"));
        FAIL("bound");
    } catch (const orchard::binding_error& e) {
        for (const auto& p : e.problems()) got.push_back(p.to_string());
    }
    CHECK(got == std::vector<std::string>{
                     "counter: key \"counter\" of petition p = \"11\" is more than 10; expected an integer in "
                     "[-2147483648, 2147483647], at least 0, at most 10",
                     "name: key \"name\" of petition p = \"\" is empty; expected a string, not empty",
                     "key \"priority\" of petition p: matches no parameter"});
    const auto& fields = orchard::schema<marked_args>();
    REQUIRE(fields.size() == 4);
    CHECK(fields[0].path == "socket");
    CHECK(fields[2].path == "counter");
    CHECK(fields[3].path == "name");
}

TEST_CASE("validate() applies the rules to values set in code; an embedded field repeated is an error") {
    marked_args a;
    a.name = orchard::checked<std::string, orchard::not_empty>("x");
    a.counter = -1;
    CHECK_THROWS_WITH(orchard::validate(a), Catch::Matchers::Contains("counter: set in code = \"-1\" is less than 0"));
    CHECK_THROWS_WITH(orchard::schema<clashing_args>(),
                      Catch::Matchers::Contains("has two fields bound as \"workers\" (an embedded struct repeats a "
                                                "field of the struct)"));
}
