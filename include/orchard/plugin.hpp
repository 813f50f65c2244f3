// Plugins: the concepts of a plugin and its roles, and the compile-time registry.
#pragma once

#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/registry.hpp>
