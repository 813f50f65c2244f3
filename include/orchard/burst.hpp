// Bursting jobs to plugins: the client, its policies, and the built-in mock, local and slurm plugins.
#pragma once

#include <orchard/burst/client.hpp>
#include <orchard/burst/plugins/local.hpp>
#include <orchard/burst/plugins/mock.hpp>
#include <orchard/burst/plugins/slurm.hpp>
#include <orchard/burst/policies.hpp>
