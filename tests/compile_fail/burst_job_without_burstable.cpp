// The default job selection reads job.burstable.
#include <orchard/burst.hpp>

struct job {
    std::string id;
};

int main() {
    orchard::burst_client<job, orchard::registry<orchard::mock_plugin>> client;
    const std::vector<job> jobs{{"a"}};
    client.run_burst(jobs);
}
