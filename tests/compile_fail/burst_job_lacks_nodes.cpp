// A job type whose node count is called num_nodes: the local plugin must not take its 100-node jobs
// as one-node jobs. It does not compile until job_traits says which member it is.
#include <orchard/burst.hpp>

struct job {
    std::string id;
    std::vector<std::string> command;
    int num_nodes = 100;
    int tasks = 1;
    bool burstable = true;
};

int main() {
    orchard::burst_client<job, orchard::registry<orchard::local_plugin>> client;
    client.load("local");
    const std::vector<job> jobs{{"big", {"true"}}};
    client.run_burst(jobs);
}
