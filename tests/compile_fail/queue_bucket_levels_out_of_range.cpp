// A bucket queue without levels.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

int main() {
    orchard::bucket_queue<job, 0> q;
    q.push({0});
}
