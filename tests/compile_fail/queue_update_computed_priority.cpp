// update(handle, priority) needs somewhere to write the priority; a key function has none.
#include <orchard/queue.hpp>

struct job {
    int nice;
};

struct by_nice {
    int operator()(const job& j) const noexcept { return j.nice; }
};

int main() {
    orchard::priority_queue<job, orchard::priority_key<by_nice>> q;
    const auto h = q.push({1});
    q.modify(h, [](job& j) { j.nice = 0; });  // fine
    q.update(h, 0);                           // error: use modify
}
