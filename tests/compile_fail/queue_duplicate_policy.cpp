// The same kind of policy given twice.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

int main() {
    orchard::priority_queue<job, orchard::arity<2>, orchard::higher_first, orchard::arity<8>> q;  // error: two arities
    q.push({1});
}
