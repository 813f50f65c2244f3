// A priority the heap cannot keep a copy of.
#include <orchard/queue.hpp>

#include <string>

struct job {
    std::string priority;
};

int main() {
    orchard::priority_queue<job> q;
    q.push({"a"});
}
