// A command that returns a shell string instead of a process::command.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    std::string command(const job&) const { return "sleep 1"; }
};

int main() {
    orchard::manager<job, orchard::manager_executor<orchard::process_executor>, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
