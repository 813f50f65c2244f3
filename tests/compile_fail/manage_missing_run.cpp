// Hooks with nothing to run.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    void on_finish(const job&, const orchard::outcome&) {}
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
