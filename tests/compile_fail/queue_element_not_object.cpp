// A queue of references.
#include <orchard/queue.hpp>

int main() {
    orchard::priority_queue<const int> q;
    return static_cast<int>(q.size());
}
