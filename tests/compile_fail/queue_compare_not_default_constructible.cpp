// A comparator that cannot be made without arguments.
#include <orchard/queue.hpp>

struct job {
    int priority;
};
struct by_threshold {
    explicit by_threshold(int t) : threshold(t) {}
    bool operator()(int a, int b) const { return (a > threshold) < (b > threshold); }
    int threshold;
};

int main() {
    orchard::priority_queue<job, orchard::compare<by_threshold>> q;
    q.push({1});
}
