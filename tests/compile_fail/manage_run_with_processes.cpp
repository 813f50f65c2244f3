// Hooks that run in a thread, in a manager that runs processes.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_executor<orchard::process_executor>, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
