// A petition without a priority.
#include <orchard/manage.hpp>

struct job {
    std::string id;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
