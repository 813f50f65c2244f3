// Stable, cancellable priority queues for petitions: a d-ary heap and a bucket queue, with handles.
#pragma once

#include <orchard/queue/bucket_queue.hpp>
#include <orchard/queue/concepts.hpp>
#include <orchard/queue/errors.hpp>
#include <orchard/queue/handle.hpp>
#include <orchard/queue/policies.hpp>
#include <orchard/queue/priority_queue.hpp>
