// The handle push() returns: names one queued element, detects when it is gone.
#pragma once

#include <cstdint>

namespace orchard {

namespace detail {
struct queue_access;
template <class Queue, class T>
class slot_handles;
}  // namespace detail

// A slot index and that slot's generation when the element was pushed. A slot's generation changes
// whenever its element leaves the queue, so an old handle never matches a newer element in the same
// slot. Each queue type has its own handle type, so a handle of another queue type does not compile.
// A default-constructed handle refers to nothing (contains() is false).
template <class Queue>
class queue_handle {
public:
    constexpr queue_handle() noexcept = default;
    friend constexpr bool operator==(queue_handle, queue_handle) noexcept = default;

private:
    friend Queue;
    friend struct detail::queue_access;
    template <class, class>
    friend class detail::slot_handles;
    constexpr queue_handle(std::uint32_t slot, std::uint32_t generation) noexcept
        : slot_(slot), generation_(generation) {}

    std::uint32_t slot_ = 0;
    std::uint32_t generation_ = 0;  // even generations are never live, so 0 never matches
};

}  // namespace orchard
