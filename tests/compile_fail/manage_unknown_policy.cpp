// A limit given bare instead of inside manager_limit<...>: one sentence, no cascade.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::max_running<2>, orchard::manager_hooks<hooks>> m;  // error
    m.submit(job{"a"});
}
