// Two queues for one manager: the second is named in the error.
#include <orchard/manage.hpp>

struct job {
    std::string id;
    int priority = 0;
};

struct hooks {
    int run(job&, orchard::petition_context&) { return 0; }
};

int main() {
    orchard::manager<job, orchard::manager_buckets<8>, orchard::manager_hooks<hooks>, orchard::manager_heap<>> m;
    m.submit(job{"a"});
}
