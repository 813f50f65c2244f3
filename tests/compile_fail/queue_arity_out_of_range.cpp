// A heap whose nodes would have one child.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

int main() {
    orchard::priority_queue<job, orchard::arity<1>> q;
    q.push({1});
}
