// Hooks that say what process to run, in a manager that runs petitions in threads: command() would
// never be called.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    orchard::process::command command(const job&) const { return {.program = "true"}; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;  // error: no manager_executor<process_executor>
    m.submit(job{"a"});
}
