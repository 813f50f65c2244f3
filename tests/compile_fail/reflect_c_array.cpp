// A C array field cannot be reflected.
#include <orchard/reflect.hpp>

struct params {
    int ports[3];
    int max_nodes = 3;
};

int main() { return static_cast<int>(orchard::reflect::field_count<params>); }
