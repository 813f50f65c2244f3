// A reference field cannot be reflected.
#include <orchard/reflect.hpp>

struct params {
    int& max_nodes;
    int min_nodes = 1;
};

int main() { return static_cast<int>(orchard::reflect::field_count<params>); }
