// A bucket queue orders its levels by number: no custom comparator.
#include <orchard/queue.hpp>

#include <functional>

struct job {
    int priority;
};
struct odd_first {
    bool operator()(int a, int b) const { return (a % 2) > (b % 2); }
};

int main() {
    orchard::bucket_queue<job, 8, orchard::compare<odd_first>> q;
    q.push({0});
}
