// describe: the sample INI, the environment reference, --help and the effective configuration.
#include <orchard/params.hpp>

#include "../support/environment.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using orchard::test::temp_dir;

namespace {

enum class mode { fast, safe };

struct burst_params {
    orchard::required<std::string> project;
    std::string cluster_name = "flux-cluster";
    bool isolated = false;
    mode run_mode = mode::safe;
    std::chrono::seconds timeout = std::chrono::minutes(5);
    orchard::secret<std::string> token = std::string("default-token");
    std::vector<std::string> tags{"a", "b,c"};

    static constexpr orchard::field_help help[] = {
        {"project", "Google Cloud project"},
        {"cluster_name", "Name of the cluster to create."},
    };
};

struct send_args {
    orchard::required<orchard::positional<std::string>> id;
    int counter = 1;
    bool verbose = false;
    static constexpr orchard::field_help help[] = {{"id", "Petition id"}, {"counter", "How many times"}};
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the schema lists every field with its type, default, markers and help") {
    const auto& fields = orchard::schema<burst_params>();
    REQUIRE(fields.size() == 7);
    CHECK(fields[0].path == "project");
    CHECK(fields[0].required);
    CHECK(fields[0].help == "Google Cloud project");
    CHECK_FALSE(fields[0].default_text.has_value());
    CHECK(fields[1].default_text == std::optional<std::string>("flux-cluster"));
    CHECK(fields[2].flag);
    CHECK(fields[3].expected == "one of: fast, safe");
    CHECK(fields[4].default_text == std::optional<std::string>("5m"));
    CHECK(fields[5].secret);
    CHECK(fields[6].shape == orchard::value_shape::list);
}

TEST_CASE("the sample INI documents every key and reads back as the defaults") {
    const std::string sample = orchard::sample_ini<burst_params>("fluxburst.gke");
    CHECK(sample.starts_with("[fluxburst.gke]\n"));
    CHECK(contains(sample, "# Google Cloud project.\n# Expects a string. Required.\n#project = \n"));
    CHECK(contains(sample,
                   "# Name of the cluster to create.\n# Expects a string. Default: flux-cluster.\n"
                   "#cluster_name = flux-cluster\n"));
    CHECK(contains(sample, "#token = ****\n"));
    CHECK_FALSE(contains(sample, "default-token"));
    CHECK(contains(sample, "#tags = a,\"b,c\"\n"));

    // Uncommenting the sample (minus the secret and the required key) gives back the defaults.
    std::string uncommented;
    std::istringstream lines(sample);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("#project") || line.starts_with("#token")) continue;
        if (line.starts_with("#") && !line.starts_with("# ")) line.erase(0, 1);
        uncommented += line + "\n";
    }
    temp_dir dir;
    const auto file = dir.write("sample.ini", uncommented);
    const auto p =
        orchard::bind<burst_params>(orchard::from_ini(file, "fluxburst.gke"), orchard::from_args({"--project", "p"}));
    CHECK(p.cluster_name == "flux-cluster");
    CHECK(p.run_mode == mode::safe);
    CHECK(p.timeout == std::chrono::minutes(5));
    CHECK(p.tags == std::vector<std::string>{"a", "b,c"});
}

TEST_CASE("the environment reference names every variable") {
    const std::string env = orchard::environment_reference<burst_params>("FLUXBURST_GKE_");
    CHECK(contains(env, "FLUXBURST_GKE_PROJECT\n    Google Cloud project.\n    Expects a string. Required.\n"));
    CHECK(contains(env, "FLUXBURST_GKE_TOKEN (or FLUXBURST_GKE_TOKEN_FILE)\n"));
    CHECK(contains(env, "FLUXBURST_GKE_RUN_MODE\n    Expects one of: fast, safe. Default: safe.\n"));
}

TEST_CASE("--help lists options, flags and positionals") {
    const std::string text = orchard::usage<send_args>("hello-world send", "Sends a petition.");
    CHECK(text.starts_with("Usage: hello-world send [options] <id>\n\nSends a petition.\n"));
    CHECK(contains(text, "Arguments:\n  <id>             Petition id. Expects a string. Required.\n"));
    CHECK(contains(text, "  --counter VALUE  How many times. Expects an integer"));
    CHECK(contains(text, "\n  --[no-]verbose   Expects a boolean"));
    CHECK(contains(text, "\n  -h, --help       Show this help and exit.\n"));
}

TEST_CASE("show_config gives each effective value and where it came from") {
    const auto b = orchard::bind_traced<burst_params>(orchard::from_args({"--project", "p", "--isolated"}));
    const std::string shown = orchard::show_config(b);
    CHECK(contains(shown, "project = p"));
    CHECK(contains(shown, "(option --project)\n"));
    CHECK(contains(shown, "isolated = true"));
    CHECK(contains(shown, "cluster_name = flux-cluster"));
    CHECK(contains(shown, "(default)\n"));
    CHECK(contains(shown, "token = ****"));
    CHECK_FALSE(contains(shown, "default-token"));
}

TEST_CASE("to_key_values and from_map round-trip a struct, as the wire does") {
    burst_params p;
    p.project = "proj";
    p.tags = {"x,y", "z"};
    p.run_mode = mode::fast;
    const auto pairs = orchard::to_key_values(p);
    CHECK(pairs.at("token") == "default-token");  // for the wire, secrets travel in clear
    const auto back = orchard::bind<burst_params>(orchard::from_map(pairs));
    CHECK(*back.project == "proj");
    CHECK(back.tags == p.tags);
    CHECK(back.run_mode == mode::fast);
    CHECK(back.timeout == p.timeout);
}
