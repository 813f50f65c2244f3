// An on_start that takes what the manager does not pass.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    bool on_start(const job&, int attempt) { return attempt > 0; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
