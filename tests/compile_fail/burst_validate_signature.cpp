// A validate() that returns an int: it must not be ignored (the plugin would load unchecked).
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};

struct gke {
    static constexpr std::string_view name = "gke";
    bool schedule(const job&) { return true; }
    void run() {}
    int validate() const { return 0; }  // error: verdict or bool expected
};

int main() {
    orchard::burst_client<job, orchard::registry<gke>> client;
    client.load("gke");
}
