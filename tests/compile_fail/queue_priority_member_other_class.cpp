// priority_member naming a member of another class.
#include <orchard/queue.hpp>

struct job {
    int priority;
};
struct other {
    int urgency;
};

int main() {
    orchard::priority_queue<job, orchard::priority_member<&other::urgency>> q;
    q.push({1});
}
