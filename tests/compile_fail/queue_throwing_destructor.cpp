// An element whose destructor may throw.
#include <orchard/queue.hpp>

struct job {
    int priority = 0;
    ~job() noexcept(false) {}
};

int main() {
    orchard::priority_queue<job> q;
    return static_cast<int>(q.size());
}
