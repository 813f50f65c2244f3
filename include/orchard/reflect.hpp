// Reflection over aggregate structs: field count, names, types and visiting.
#pragma once

#include <orchard/reflect/fields.hpp>
#include <orchard/reflect/names.hpp>
