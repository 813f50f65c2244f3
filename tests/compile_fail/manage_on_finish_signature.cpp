// An on_finish without the outcome: it must not be ignored (it would never be called).
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    void on_finish(const job&) {}  // error: the manager passes the outcome too
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
