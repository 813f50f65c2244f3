// An unburst that wants an argument Orchard does not pass: it must not be ignored.
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};

struct gke {
    static constexpr std::string_view name = "gke";
    bool schedule(const job&) { return true; }
    void run() {}
    void unburst(int nodes) { (void)nodes; }  // error: void unburst()
};

int main() {
    orchard::burst_client<job, orchard::registry<gke>> client;
    client.unburst();
}
