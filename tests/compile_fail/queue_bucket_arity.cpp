// A bucket queue is not a heap: it takes no arity.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

int main() {
    orchard::bucket_queue<job, 64, orchard::arity<4>> q;  // error: arity is a heap policy
    q.push({1});
}
