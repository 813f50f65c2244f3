// A bit-field cannot be reflected, even a single one that saves no space.
#include <orchard/reflect.hpp>

struct params {
    int max_nodes = 3;
    unsigned flags : 3;
};

int main() { return static_cast<int>(orchard::reflect::field_count<params>); }
