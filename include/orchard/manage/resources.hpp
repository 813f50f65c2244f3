// Counted resources (GPUs, licences, slots on a device) that petitions claim when they start and
// release when they end, through the manager's claim/release hooks.
#pragma once

#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>

#include <cstddef>
#include <stdexcept>

namespace orchard {

// A number of identical units. Not synchronised itself: the manager calls claim and release under
// its lock, which is what makes a claim atomic with the decision to start.
class counted_resource {
public:
    explicit counted_resource(std::size_t capacity) noexcept : capacity_(capacity) {}

    // All n units, or none.
    bool try_claim(std::size_t n) noexcept {
        if (n > capacity_ - in_use_) return false;
        in_use_ += n;
        return true;
    }
    void release(std::size_t n) {
        if (n > in_use_) throw std::logic_error("counted_resource: more units released than claimed");
        in_use_ -= n;
    }

    std::size_t capacity() const noexcept { return capacity_; }
    std::size_t in_use() const noexcept { return in_use_; }
    std::size_t available() const noexcept { return capacity_ - in_use_; }

private:
    std::size_t capacity_;
    std::size_t in_use_ = 0;
};

// Hooks for the common case: each petition needs `petition.*Demand` units of one resource. Derive
// your hooks from it (struct my_hooks : orchard::counted_claims<&job::gpus> {...}) and construct it
// with the capacity; a petition asking for more than the capacity can never start.
template <auto Demand>
struct counted_claims {
    counted_resource units;

    template <class Petition>
    bool claim(const Petition& p, const manager_view&) noexcept {
        return units.try_claim(static_cast<std::size_t>(p.*Demand));
    }
    template <class Petition>
    void release(const Petition& p, const outcome&) {
        units.release(static_cast<std::size_t>(p.*Demand));
    }
};

}  // namespace orchard
