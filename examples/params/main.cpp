// A burst plugin's parameters (as the Flux Burst GKE plugin has them), bound from the environment,
// an INI file and the command line, with every problem reported at once.
//
//   FLUXBURST_GKE_PROJECT=demo ./params --config gke.ini --max-nodes 8 --show-config
//   ./params --sample-config > gke.ini
#include <orchard/params.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

using namespace std::chrono_literals;

enum class provisioning { standard, spot };

struct gke_params {
    orchard::required<std::string> project;
    std::string cluster_name = "flux-cluster";
    std::string namespace_ = "flux-operator";
    std::string machine_type = "c2-standard-8";
    std::string zone = "us-central1-a";
    std::uint32_t min_nodes = 1;
    std::uint32_t max_nodes = 3;
    provisioning nodes = provisioning::standard;
    bool isolated_burst = false;
    std::chrono::seconds create_timeout = 10min;
    orchard::byte_size memory_per_node = orchard::byte_size::gib(32);
    orchard::secret<std::string> token;

    static constexpr orchard::field_help help[] = {
        {"project", "Google Cloud project that hosts the cluster"},
        {"cluster_name", "Name of the GKE cluster to create or reuse"},
        {"namespace", "Kubernetes namespace of the MiniCluster"},
        {"machine_type", "Machine type of the nodes"},
        {"min_nodes", "Nodes to keep when idle"},
        {"max_nodes", "Most nodes to burst to"},
        {"isolated_burst", "Burst to a cluster that does not join the local broker"},
        {"create_timeout", "How long cluster creation may take"},
        {"token", "API token for the cluster"},
    };
};

int main(int argc, char** argv) {
    auto args = orchard::from_args(argc, argv);
    if (args.help_requested()) {
        std::cout << orchard::usage<gke_params>(
            "params",
            "Binds the GKE burst plugin's parameters. Also: --config FILE, --sample-config, "
            "--show-config, --env-reference; variables FLUXBURST_GKE_*.");
        return 0;
    }
    if (args.take_flag("--sample-config")) {
        std::cout << orchard::sample_ini<gke_params>("fluxburst.gke");
        return 0;
    }
    if (args.take_flag("--env-reference")) {
        std::cout << orchard::environment_reference<gke_params>("FLUXBURST_GKE_");
        return 0;
    }
    const bool show = args.take_flag("--show-config");
    const auto config = args.take_value("--config");
    try {
        // Later sources win: the file over defaults, the environment over the file, argv over all.
        const auto bound = orchard::bind_traced<gke_params>(
            orchard::from_ini(config.value_or("gke.ini"), "fluxburst.gke", orchard::if_exists),
            orchard::from_env("FLUXBURST_GKE_"), args);
        for (const auto& note : bound.notes) std::cerr << "note: " << note.to_string() << "\n";
        if (show) std::cout << orchard::show_config(bound);
        const gke_params& p = bound.value;
        std::cout << "bursting to " << p.cluster_name << " in project " << *p.project << " (" << p.min_nodes << ".."
                  << p.max_nodes << " nodes of " << p.machine_type << ")\n";
        return 0;
    } catch (const orchard::binding_error& e) {
        std::cerr << e.what() << "\n";
        return 78;  // EX_CONFIG
    }
}
