// Each source on its own: how keys are spelled, where values come from, what is reported.
#include <orchard/params.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using orchard::test::scoped_env;
using orchard::test::temp_dir;

namespace {

struct inner {
    int depth = 1;
    std::string label = "none";
};

struct settings {
    std::string cluster_name = "flux-cluster";
    std::string namespace_ = "default";
    int max_nodes = 3;
    bool isolated_burst = false;
    std::vector<std::string> tags;
    std::map<std::string, int> weights;
    orchard::secret<std::string> token;
    inner nested;
};

std::vector<std::string> messages(const orchard::binding_error& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.to_string());
    return out;
}

template <class... Sources>
orchard::binding_error bind_error(Sources&&... sources) {
    try {
        orchard::bind<settings>(std::forward<Sources>(sources)...);
    } catch (const orchard::binding_error& e) {
        return e;
    }
    FAIL("binding succeeded but should have failed");
    return orchard::binding_error("nothing", {});
}

}  // namespace

TEST_CASE("environment: PREFIX_FIELD, trailing underscore dropped, nesting with double underscore") {
    scoped_env env{{"SRC_ENV_CLUSTER_NAME", "east"},    {"SRC_ENV_NAMESPACE", "jobs"},  {"SRC_ENV_MAX_NODES", "8"},
                   {"SRC_ENV_ISOLATED_BURST", "False"}, {"SRC_ENV_NESTED__DEPTH", "4"}, {"SRC_ENV_TAGS", "a,b"}};
    const auto s = orchard::bind<settings>(orchard::from_env("SRC_ENV_"));
    CHECK(s.cluster_name == "east");
    CHECK(s.namespace_ == "jobs");
    CHECK(s.max_nodes == 8);
    CHECK(s.isolated_burst == false);  // Flux Burst read "False" as a truthy string
    CHECK(s.nested.depth == 4);
    CHECK(s.nested.label == "none");
    CHECK(s.tags == std::vector<std::string>{"a", "b"});
}

TEST_CASE("environment: unknown variables under the prefix are notes, or errors in strict mode") {
    scoped_env env{{"SRC_UNK_CLUSTER_NAEM", "x"}, {"SRC_UNK_MAX_NODES", "2"}};
    const auto traced = orchard::bind_traced<settings>(orchard::from_env("SRC_UNK_"));
    CHECK(traced.value.max_nodes == 2);
    REQUIRE(traced.notes.size() == 1);
    CHECK(traced.notes[0].to_string() ==
          "environment variable SRC_UNK_CLUSTER_NAEM: matches no parameter under the prefix SRC_UNK_; did you mean "
          "SRC_UNK_CLUSTER_NAME?");

    const auto e = bind_error(orchard::from_env("SRC_UNK_", orchard::strict_keys));
    CHECK(messages(e) == std::vector<std::string>{traced.notes[0].to_string()});
}

TEST_CASE("environment: a map can be given whole or one key at a time") {
    scoped_env env{{"SRC_MAP_WEIGHTS__GPU", "4"}, {"SRC_MAP_WEIGHTS__CPU", "1"}};
    const auto s = orchard::bind<settings>(orchard::from_env("SRC_MAP_"));
    CHECK(s.weights == std::map<std::string, int>{{"cpu", 1}, {"gpu", 4}});
    scoped_env whole{{"SRC_MAP2_WEIGHTS", "a=1,b=2"}};
    CHECK(orchard::bind<settings>(orchard::from_env("SRC_MAP2_")).weights.size() == 2);
}

TEST_CASE("INI: one section, dotted keys for nested structs, errors at file:line") {
    temp_dir dir;
    const auto file = dir.write("app.ini",
                                "[other]\n"
                                "cluster_name = wrong\n"
                                "\n"
                                "[fluxburst.gke]\n"
                                "; a comment\n"
                                "cluster-name = west\n"
                                "namespace = batch\n"
                                "nested.depth = 9\n"
                                "max_nodes = lots\n"
                                "clustr_name = 4\n");
    const auto e = bind_error(orchard::from_ini(file, "fluxburst.gke"));
    CHECK(messages(e) == std::vector<std::string>{
                             "max_nodes: " + file.string() +
                                 ":9 = \"lots\" is not an integer; expected an integer in [-2147483648, 2147483647]",
                             file.string() + ":10: unknown key \"clustr_name\" in [fluxburst.gke]; did you mean "
                                             "\"cluster_name\"?"});

    const auto good = dir.write("good.ini", "[fluxburst.gke]\ncluster-name = west\nnested.depth = 9\n");
    const auto traced = orchard::bind_traced<settings>(orchard::from_ini(good, "fluxburst.gke"));
    CHECK(traced.value.cluster_name == "west");
    CHECK(traced.value.nested.depth == 9);
    CHECK(traced.origin_of("nested.depth").description == good.string() + ":3");
    CHECK(traced.origin_of("max_nodes").description == "default");
}

TEST_CASE("INI: unreadable files and syntax errors are problems; a missing section is a note") {
    temp_dir dir;
    const auto missing = dir.path() / "absent.ini";
    auto e = bind_error(orchard::from_ini(missing, "s"));
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].to_string() == missing.string() + ": cannot be read: No such file or directory");

    CHECK(orchard::bind<settings>(orchard::from_ini(missing, "s", orchard::if_exists)).max_nodes == 3);

    const auto broken = dir.write("broken.ini", "[s]\nmax_nodes = 1\nthis line has no equals sign\n");
    e = bind_error(orchard::from_ini(broken, "s"));
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].source == broken.string() + ":3");

    const auto other = dir.write("other.ini", "[t]\nmax_nodes = 1\n");
    const auto traced = orchard::bind_traced<settings>(orchard::from_ini(other, "s"));
    REQUIRE(traced.notes.size() == 1);
    CHECK(traced.notes[0].to_string() == other.string() + ": has no section [s]");
}

TEST_CASE("JSON: an object by dotted path, nested objects, arrays as lists, errors at file:line") {
    temp_dir dir;
    const auto file = dir.write("app.json", R"({
  "fluxburst": {
    "gke": {
      "cluster_name": "north",
      "tags": ["x", "y,z"],
      "weights": {"a": 1, "b": 2},
      "nested": {
        "depth": 6
      }
    }
  }
})");
    const auto traced = orchard::bind_traced<settings>(orchard::from_json(file, "fluxburst.gke"));
    CHECK(traced.value.cluster_name == "north");
    CHECK(traced.value.tags == std::vector<std::string>{"x", "y,z"});
    CHECK(traced.value.weights == std::map<std::string, int>{{"a", 1}, {"b", 2}});
    CHECK(traced.value.nested.depth == 6);
    CHECK(traced.origin_of("nested.depth").description == file.string() + ":8");

    const auto bad = dir.write("bad.json", "{\n  \"max_nodes\": \"many\",\n  \"nested\": {\"dpth\": 1}\n}\n");
    const auto e = bind_error(orchard::from_json(bad));
    CHECK(messages(e) == std::vector<std::string>{
                             "max_nodes: " + bad.string() +
                                 ":2 = \"many\" is not an integer; expected an integer in [-2147483648, 2147483647]",
                             bad.string() + ":3: unknown key \"nested.dpth\"; did you mean \"nested.depth\"?"});

    const auto broken = dir.write("broken.json", "{\n  \"max_nodes\": 1,\n  oops\n}\n");
    const auto syntax = bind_error(orchard::from_json(broken));
    REQUIRE(syntax.problems().size() == 1);
    CHECK(syntax.problems()[0].source == broken.string() + ":3");
}

TEST_CASE("command line: --name=value, --name value, --flag, --no-flag, repeated lists") {
    const char* argv[] = {"prog", "--cluster-name=a", "--max-nodes",    "7", "--isolated-burst", "--tags",
                          "x",    "--tags=y,z",       "--nested.depth", "-3"};
    auto args = orchard::from_args(10, argv);
    const auto s = orchard::bind<settings>(args);
    CHECK(s.cluster_name == "a");
    CHECK(s.max_nodes == 7);
    CHECK(s.isolated_burst);
    CHECK(s.tags == std::vector<std::string>{"x", "y", "z"});
    CHECK(s.nested.depth == -3);
    CHECK(args.program() == "prog");

    const auto off = orchard::bind<settings>(orchard::from_args({"--isolated-burst", "--no-isolated-burst"}));
    CHECK_FALSE(off.isolated_burst);
    CHECK(orchard::bind<settings>(orchard::from_args({"--isolated-burst=off"})).isolated_burst == false);
}

TEST_CASE("command line: unknown options, missing values and stray arguments, all reported") {
    const auto e = bind_error(orchard::from_args({"--clustr-name", "x", "--max-nodes", "-v", "stray", "--tags"}));
    CHECK(messages(e) ==
          std::vector<std::string>{
              "max_nodes: option --max-nodes = \"-v\" is not an integer; expected an integer in "
              "[-2147483648, 2147483647]",
              "option --clustr-name: is not a known option; did you mean --cluster-name?",
              "argument 2 = \"x\" is an unexpected argument", "argument 5 = \"stray\" is an unexpected argument",
              "tags: option --tags: needs a value; expected a comma-separated list, each item a string"});
}

TEST_CASE("command line: help, options the program handles itself, and positionals") {
    struct send_args {
        orchard::positional<std::string> id;
        int counter = 1;
        double sleep_time = 0;
    };
    auto args = orchard::from_args({"job-1", "--counter", "3", "--config", "x.ini", "--dry-run", "--sleep-time=0.5"});
    CHECK_FALSE(args.help_requested());
    CHECK(args.take_flag("--dry-run"));
    CHECK_FALSE(args.take_flag("--dry-run"));
    CHECK(args.take_value("--config") == std::optional<std::string>("x.ini"));
    const auto s = orchard::bind<send_args>(args);
    CHECK(*s.id == "job-1");
    CHECK(s.counter == 3);
    CHECK(s.sleep_time == 0.5);

    CHECK(orchard::from_args({"--counter", "1", "-h"}).help_requested());
    CHECK_FALSE(orchard::from_args({"--", "--help"}).help_requested());
    // After "--" everything is positional, even what looks like an option.
    CHECK(*orchard::bind<send_args>(orchard::from_args({"--", "--weird-id"})).id == "--weird-id");
}

TEST_CASE("key=value maps, as received in messages") {
    const std::map<std::string, std::string> extras{{"max_nodes", "5"}, {"cluster-name", "m"}, {"nested.label", "l"}};
    const auto s = orchard::bind<settings>(orchard::from_map(extras));
    CHECK(s.max_nodes == 5);
    CHECK(s.cluster_name == "m");
    CHECK(s.nested.label == "l");

    const std::vector<std::pair<std::string, std::string>> bad{{"max_nodes", "x"}, {"countr", "1"}};
    const auto e = bind_error(orchard::from_map(bad, "petition job-7"));
    CHECK(messages(e) == std::vector<std::string>{
                             "max_nodes: key \"max_nodes\" of petition job-7 = \"x\" is not an integer; expected an "
                             "integer in [-2147483648, 2147483647]",
                             "key \"countr\" of petition job-7: matches no parameter"});
}
