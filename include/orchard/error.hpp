// The one error family: orchard::error and the specific kinds every module throws.
#pragma once

#include <stdexcept>
#include <string>

namespace orchard {

// Base of every error Orchard throws, so callers can catch them all in one place.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace orchard
