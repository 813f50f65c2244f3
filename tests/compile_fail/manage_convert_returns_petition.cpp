// A convert that returns the petition instead of std::optional of it: it must not be ignored (the
// extras would be bound into the petition instead, silently).
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
    job convert(const orchard::message& m) const { return job{m.id}; }  // error: std::optional<job> expected
};

int main() {
    orchard::manager<job, orchard::manager_hooks<hooks>> m;
    m.submit_message({"a", {}});
}
