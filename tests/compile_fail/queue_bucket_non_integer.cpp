// A bucket queue has one level per integer priority: a double priority has no level.
#include <orchard/queue.hpp>

struct measurement {
    double priority;
};

int main() {
    orchard::bucket_queue<measurement, 64> q;  // error: priorities must be integers
    q.push({1.0});
}
