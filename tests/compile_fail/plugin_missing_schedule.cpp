// A burst plugin without schedule(): the error names the plugin and the missing member.
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};

struct gke_params {
    int max_nodes = 3;
};

struct gke {
    static constexpr std::string_view name = "gke";
    using params_type = gke_params;
    explicit gke(const gke_params&) {}
    void run() {}
};

int main() {
    orchard::burst_client<job, orchard::registry<gke>> client;
    return 0;
}
