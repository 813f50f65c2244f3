// A key function that holds state.
#include <orchard/queue.hpp>

struct job {
    int priority;
};
struct scaled {
    int factor = 2;
    int operator()(const job& j) const { return j.priority * factor; }
};

int main() {
    orchard::priority_queue<job, orchard::priority_key<scaled>> q;
    q.push({1});
}
