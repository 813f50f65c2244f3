// The handle members both queues share: each keeps its elements in slot_storage and names them by
// (slot, generation), so checking, reading, erasing and extracting by handle are one piece of code.
#pragma once

#include <orchard/queue/errors.hpp>
#include <orchard/queue/handle.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard::detail {

// A CRTP base of Queue, which befriends it and has:
//   slots_                    a slot_storage whose Header has `generation`;
//   element(std::uint32_t s)  the element of live slot s (T*, and const T* when const);
//   forget(std::uint32_t s)   the element in slot s, already destroyed, leaves the queue;
//   drain_if(pred, sink)      (and `using slot_handles::drain_if` for the collecting overload);
//   queue_name                "priority_queue" or "bucket_queue", for error messages.
template <class Queue, class T>
class slot_handles {
public:
    using handle_type = queue_handle<Queue>;

    // False once the element has been popped, erased, extracted, drained or cleared.
    bool contains(handle_type h) const noexcept { return queue().slots_.live(h.slot_, h.generation_); }

    // at, erase and extract throw stale_handle when the element is gone.
    const T& at(handle_type h) const { return *queue().element(checked(h)); }

    // Cancels the element: O(1) amortised (for priority_queue, O(log n) when it is the top).
    void erase(handle_type h) {
        const std::uint32_t s = checked(h);
        queue().element(s)->~T();
        queue().forget(s);
    }

    // Like erase, but hands the element back. If moving it out throws, the queue is unchanged.
    T extract(handle_type h) {
        const std::uint32_t s = checked(h);
        T* p = queue().element(s);
        T result(std::move(*p));
        p->~T();
        queue().forget(s);
        return result;
    }

    // drain_if(pred, sink), collected in pop order.
    template <class Pred>
    std::vector<T> drain_if(Pred pred) {
        std::vector<T> out;
        queue().drain_if(std::move(pred), [&out](T&& v) { out.push_back(std::move(v)); });
        return out;
    }

protected:
    slot_handles() noexcept = default;

    Queue& queue() noexcept { return static_cast<Queue&>(*this); }
    const Queue& queue() const noexcept { return static_cast<const Queue&>(*this); }

    handle_type handle_of(std::uint32_t s) const noexcept {
        return handle_type(s, queue().slots_.header(s).generation);
    }

    std::uint32_t checked(handle_type h) const {
        if (!contains(h))
            throw stale_handle(std::string("orchard: the handle's element is no longer in the ") + Queue::queue_name +
                               " (it was popped, erased, drained or cleared)");
        return h.slot_;
    }

    // Constructs the element in a slot's bytes: T(args...) when that works, else T{args...}, so
    // that aggregates can be emplaced.
    template <class... Args>
    static T* construct(std::byte* where, Args&&... args) {
        if constexpr (std::is_constructible_v<T, Args...>)
            return ::new (static_cast<void*>(where)) T(std::forward<Args>(args)...);
        else return ::new (static_cast<void*>(where)) T{std::forward<Args>(args)...};
    }
};

}  // namespace orchard::detail
