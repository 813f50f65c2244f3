// A type that is not one of the queue's policies.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

struct fast {};

int main() {
    orchard::priority_queue<job, orchard::arity<8>, fast> q;  // error: `fast` is not a policy
    q.push({1});
}
