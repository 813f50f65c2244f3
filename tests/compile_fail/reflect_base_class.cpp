// A struct with a base class cannot be reflected.
#include <orchard/reflect.hpp>

struct common {
    int verbosity = 0;
};
struct params : common {
    int max_nodes = 3;
};

int main() { return static_cast<int>(orchard::reflect::field_count<params>); }
