// manager_executor given something that is not an executor.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};
struct fast {};

int main() {
    orchard::manager<job, orchard::manager_executor<fast>, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
