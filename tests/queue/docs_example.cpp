// The example of docs/queues.md, run, its asserts as checks: keep the two alike.
#include <orchard/queue.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

struct petition {
    int priority = 0;  // lower runs first; equal priorities run in submission order
    std::string command;
};

}  // namespace

TEST_CASE("docs/queues.md: the example") {
    orchard::priority_queue<petition> queue;  // or orchard::bucket_queue<petition, 64>
    const auto build = queue.push({5, "make"});
    queue.push({1, "deploy"});
    queue.push({5, "test"});
    const auto lint = queue.push({5, "lint"});

    queue.erase(lint);       // the client cancelled it: O(1), no search
    queue.update(build, 0);  // aged: it runs first now
    CHECK_FALSE(queue.contains(lint));
    CHECK_THROWS_AS(queue.erase(lint), orchard::stale_handle);  // detected, not undefined

    std::vector<std::string> listed;  // list what is queued (in no particular order)
    for (const petition& p : queue) listed.push_back(p.command);
    CHECK(listed.size() == 3);

    CHECK(queue.pop().command == "make");
    CHECK(queue.top().command == "deploy");

    // release the petitions matching a predicate, in the order they would have run
    const std::vector<petition> released = queue.drain_if([](const petition& p) { return p.priority == 5; });
    REQUIRE(released.size() == 1);
    CHECK(released[0].command == "test");
    CHECK(queue.size() == 1);
}

// Both queues meet the concept a manager asks for.
static_assert(orchard::petition_queue<orchard::priority_queue<petition>>);
static_assert(orchard::petition_queue<orchard::bucket_queue<petition, 64>>);
