// A petition without an id: nothing could cancel it.
#include <orchard/manage.hpp>

struct job {
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{});
}
