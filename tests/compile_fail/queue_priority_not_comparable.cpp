// A priority type the default order cannot compare.
#include <orchard/queue.hpp>

struct level {
    int value;
};
struct job {
    level priority;
};

int main() {
    orchard::priority_queue<job> q;
    q.push({{1}});
}
