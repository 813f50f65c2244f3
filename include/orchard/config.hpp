// Compiler and library feature detection; every detection can be overridden by defining the macro.
#pragma once

#include <boost/version.hpp>

// Field names come from Boost.PFR when it has them (Boost 1.84+ with a capable compiler) and from
// our own __PRETTY_FUNCTION__ extraction otherwise. Define ORCHARD_USE_PFR_NAMES to 0 or 1 to choose.
#ifndef ORCHARD_USE_PFR_NAMES
#if defined(BOOST_PFR_CORE_NAME_ENABLED) && BOOST_PFR_CORE_NAME_ENABLED
#define ORCHARD_USE_PFR_NAMES 1
#else
#define ORCHARD_USE_PFR_NAMES 0
#endif
#endif

#if BOOST_VERSION < 108100
#error "orchard: Boost 1.81 or newer is required (Debian: apt-get install libboost1.81-dev)"
#endif

#if !defined(__GNUC__) && !defined(__clang__)
#error "orchard: field names need __PRETTY_FUNCTION__; build with g++ (12+) or clang++ (16+)"
#endif
