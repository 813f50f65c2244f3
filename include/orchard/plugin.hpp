// Plugins: the concepts of a plugin and its roles, and the compile-time registry. What plugins read
// from jobs is <orchard/plugin/job_traits.hpp> (which brings the byte_size value with it).
#pragma once

#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/registry.hpp>
