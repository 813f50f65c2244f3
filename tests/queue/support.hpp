// Element types shared by the queue tests: petitions, move-only and throwing payloads, allocation counting.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace queue_test {

// Shaped like Orcha's petitions: the queue finds `priority` by itself.
struct job {
    int priority = 0;
    std::string name;
};

// Move-only, like a petition that owns its connection.
struct owned {
    int priority = 0;
    std::unique_ptr<int> payload;
};

// Copying throws once copies_left reaches 0 (negative: never).
struct fragile {
    static inline int copies_left = -1;

    int priority = 0;
    int id = 0;

    fragile(int p, int i) : priority(p), id(i) {}
    fragile(const fragile& other) : priority(other.priority), id(other.id) {
        if (copies_left == 0) throw std::runtime_error("copy failed");
        if (copies_left > 0) --copies_left;
    }
    fragile& operator=(const fragile&) = default;
};

// Pops everything, returning the names in pop order.
template <class Q>
std::vector<std::string> pop_names(Q& q) {
    std::vector<std::string> out;
    while (!q.empty()) out.push_back(q.pop().name);
    return out;
}

// Counts calls to the global operator new (replaced in allocations.cpp).
std::size_t allocations() noexcept;

}  // namespace queue_test
