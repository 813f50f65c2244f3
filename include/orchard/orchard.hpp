// Everything Orchard offers, in one include.
#pragma once

#include <orchard/burst.hpp>
#include <orchard/config.hpp>
#include <orchard/error.hpp>
#include <orchard/manage.hpp>
#include <orchard/params.hpp>
#include <orchard/plugin.hpp>
#include <orchard/plugin/job_traits.hpp>
#include <orchard/policy.hpp>
#include <orchard/process.hpp>
#include <orchard/queue.hpp>
#include <orchard/reflect.hpp>
#include <orchard/service.hpp>
#include <orchard/verdict.hpp>
