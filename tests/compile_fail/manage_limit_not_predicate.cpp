// A limit that is not a predicate over the manager's view.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};
struct not_a_limit {
    int value = 3;
};

int main() {
    orchard::manager<job, orchard::manager_limit<not_a_limit>, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
