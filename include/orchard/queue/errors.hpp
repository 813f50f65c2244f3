// The errors the queues throw: a stale handle, an empty queue, a priority outside a bucket queue's levels.
#pragma once

#include <orchard/error.hpp>

namespace orchard {

// erase/extract/update/modify/at were given a handle whose element was popped, erased, drained or
// cleared (or that never came from this queue). contains(handle) is the non-throwing check.
class stale_handle : public error {
public:
    using error::error;
};

// pop() or top() on an empty queue.
class empty_queue : public error {
public:
    using error::error;
};

// A bucket_queue was given a priority that is not one of its levels 0..Levels-1.
class priority_out_of_range : public error {
public:
    using error::error;
};

}  // namespace orchard
