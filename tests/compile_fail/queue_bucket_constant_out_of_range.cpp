// A constant priority outside a bucket_queue's levels is caught when the program is compiled.
#include <orchard/queue.hpp>

struct job {
    int priority;
};

int main() {
    orchard::bucket_queue<job, 64> q;
    const auto h = q.push({1});
    q.update(h, orchard::priority_c<63>);  // fine: the last level
    q.update(h, orchard::priority_c<64>);  // error: levels are 0..63
}
