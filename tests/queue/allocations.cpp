// Counts calls to the global operator new, so tests can check that a steady-state queue does not allocate.
#include "support.hpp"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

// Every form is replaced, so that no allocation takes a sanitizer's own operator new and is then
// freed by ours (AddressSanitizer reports that mismatch).
namespace {
std::atomic<std::size_t> count{0};

void* allocate(std::size_t n, std::size_t align) {
    ++count;
    if (n == 0) n = 1;
    void* p = align <= alignof(std::max_align_t) ? std::malloc(n)
                                                 : std::aligned_alloc(align, (n + align - 1) / align * align);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
void* allocate(std::size_t n, std::size_t align, const std::nothrow_t&) noexcept {
    try {
        return allocate(n, align);
    } catch (...) {
        return nullptr;
    }
}
constexpr std::size_t plain = alignof(std::max_align_t);
}  // namespace

std::size_t queue_test::allocations() noexcept { return count.load(); }

void* operator new(std::size_t n) { return allocate(n, plain); }
void* operator new[](std::size_t n) { return allocate(n, plain); }
void* operator new(std::size_t n, const std::nothrow_t& t) noexcept { return allocate(n, plain, t); }
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return allocate(n, plain, t); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept {
    return allocate(n, static_cast<std::size_t>(a), t);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept {
    return allocate(n, static_cast<std::size_t>(a), t);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
