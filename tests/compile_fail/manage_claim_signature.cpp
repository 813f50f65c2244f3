// A claim that does not say whether it succeeded.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};
struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    void claim(const job&, const orchard::manager_view&) {}  // error: bool expected
    void release(const job&, const orchard::outcome&) {}
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit(job{"a"});
}
