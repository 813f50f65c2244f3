// Typed parameters bound from environment variables, INI and JSON files, the command line and key=value maps.
#pragma once

#include <orchard/params/bind.hpp>
#include <orchard/params/byte_size.hpp>
#include <orchard/params/containers.hpp>
#include <orchard/params/describe.hpp>
#include <orchard/params/duration.hpp>
#include <orchard/params/endpoint.hpp>
#include <orchard/params/enums.hpp>
#include <orchard/params/env_names.hpp>
#include <orchard/params/markers.hpp>
#include <orchard/params/problem.hpp>
#include <orchard/params/schema.hpp>
#include <orchard/params/shell_words.hpp>
#include <orchard/params/source.hpp>
#include <orchard/params/sources/args.hpp>
#include <orchard/params/sources/env.hpp>
#include <orchard/params/sources/ini.hpp>
#include <orchard/params/sources/json.hpp>
#include <orchard/params/sources/map.hpp>
#include <orchard/params/value_traits.hpp>
