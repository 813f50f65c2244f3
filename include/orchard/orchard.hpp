// Everything Orchard offers, in one include.
#pragma once

#include <orchard/config.hpp>
#include <orchard/error.hpp>
#include <orchard/params.hpp>
#include <orchard/reflect.hpp>
