// Objects that never move, recycled: each petition lives in one node from submit to its end, so the
// id index and the queue refer to it by address, and a busy manager allocates nothing per petition.
#pragma once

#include <cassert>
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace orchard::detail {

template <class T>
class node_pool {
    union cell {
        cell() noexcept {}
        ~cell() {}
        T value;
        cell* next_free;
    };

public:
    node_pool() = default;
    node_pool(const node_pool&) = delete;
    node_pool& operator=(const node_pool&) = delete;
    // Every node must have been destroyed: the owner ends every petition before it goes.
    ~node_pool() { assert(live_ == 0); }

    template <class... Args>
    T* create(Args&&... args) {
        if (!free_) grow(capacity_ == 0 ? 64 : std::min<std::size_t>(capacity_, 4096));
        cell* c = free_;
        cell* next = c->next_free;  // the value is built over it
        T* object;
        try {
            object = ::new (static_cast<void*>(&c->value)) T{std::forward<Args>(args)...};
        } catch (...) {
            c->next_free = next;  // the cell stays free
            throw;
        }
        free_ = next;
        ++live_;
        return object;
    }

    void destroy(T* object) noexcept {
        object->~T();
        cell* c = reinterpret_cast<cell*>(object);  // the value is the cell's first (only) member
        c->next_free = free_;
        free_ = c;
        --live_;
    }

    // Room for n live nodes without allocating.
    void reserve(std::size_t n) {
        if (n > capacity_) grow(n - capacity_);
    }

    std::size_t size() const noexcept { return live_; }

private:
    void grow(std::size_t count) {
        auto chunk = std::make_unique<cell[]>(count);
        for (std::size_t i = count; i-- > 0;) {
            chunk[i].next_free = free_;
            free_ = &chunk[i];
        }
        chunks_.push_back(std::move(chunk));
        capacity_ += count;
    }

    std::vector<std::unique_ptr<cell[]>> chunks_;
    cell* free_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t live_ = 0;
};

}  // namespace orchard::detail
