// A limit that lets nothing run.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_limit<orchard::max_running<0>>, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
