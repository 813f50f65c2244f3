// A key function that cannot be called with the element.
#include <orchard/queue.hpp>

struct job {
    int priority;
};
struct wrong_key {
    int operator()(int x) const { return x; }
    int operator()(std::string_view) const = delete;
};

int main() {
    orchard::priority_queue<std::string, orchard::priority_key<wrong_key>> q;
    q.push("x");
}
