// A can_start without the manager_view: it must not be ignored (the petition would run regardless).
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    bool can_start(const job&) const { return false; }  // error: the manager passes a manager_view too
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
