// A cleanup that takes what Orchard does not pass: it must not be ignored (nothing would be torn down).
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};

struct gke {
    static constexpr std::string_view name = "gke";
    bool schedule(const job&) { return true; }
    void run() {}
    void cleanup(int cluster_id) { (void)cluster_id; }  // error: cleanup() or cleanup(std::string_view)
};

int main() {
    orchard::burst_client<job, orchard::registry<gke>> client;
    client.cleanup();
}
