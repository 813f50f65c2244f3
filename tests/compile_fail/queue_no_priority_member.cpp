// A queue of a type with no `priority` member, and no policy saying where the priority is.
#include <orchard/queue.hpp>

struct task {
    int urgency;
};

int main() {
    orchard::priority_queue<task> q;  // error: no member named `priority`
    q.push({1});
}
