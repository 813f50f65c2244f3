// A release with nothing claimed.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    void release(const job&, const orchard::outcome&) {}
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
