// An element pop() cannot return.
#include <orchard/queue.hpp>

struct job {
    int priority = 0;
    job() = default;
    job(const job&) = delete;
    job(job&&) = delete;
};

int main() {
    orchard::bucket_queue<job, 4> q;
    return static_cast<int>(q.size());
}
