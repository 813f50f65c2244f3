// A claim with no release: what petitions claim would never be given back.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
    int gpus = 1;
};

struct hooks {
    int free_gpus = 4;
    int run(job&, orchard::petition_context&) { return 0; }
    bool claim(const job& j, const orchard::manager_view&) { return (free_gpus -= j.gpus) >= 0; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
