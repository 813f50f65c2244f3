// Policies: the one reader of a template's Policies... list.
#pragma once

#include <orchard/policy/policy_list.hpp>
