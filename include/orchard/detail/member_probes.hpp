// The member names Orchard gives a meaning to, each with a probe that finds it whatever its
// signature (see ORCHARD_DETAIL_MEMBER_PROBE): one list, so that every module checks the same way.
#pragma once

#include <orchard/detail/diagnostics.hpp>

// The manager's hooks.
ORCHARD_DETAIL_MEMBER_PROBE(can_start)
ORCHARD_DETAIL_MEMBER_PROBE(claim)
ORCHARD_DETAIL_MEMBER_PROBE(release)
ORCHARD_DETAIL_MEMBER_PROBE(on_start)
ORCHARD_DETAIL_MEMBER_PROBE(on_finish)
ORCHARD_DETAIL_MEMBER_PROBE(convert)
ORCHARD_DETAIL_MEMBER_PROBE(run)
ORCHARD_DETAIL_MEMBER_PROBE(command)
// Plugins' optional members.
ORCHARD_DETAIL_MEMBER_PROBE(validate)
ORCHARD_DETAIL_MEMBER_PROBE(cleanup)
ORCHARD_DETAIL_MEMBER_PROBE(unburst)
