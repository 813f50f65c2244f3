// priority_member given a member function.
#include <orchard/queue.hpp>

struct job {
    int urgency() const { return 1; }
};

int main() {
    orchard::priority_queue<job, orchard::priority_member<&job::urgency>> q;
    q.push({});
}
