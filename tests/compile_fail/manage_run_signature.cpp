// A run without the petition_context: it could never be cancelled.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
