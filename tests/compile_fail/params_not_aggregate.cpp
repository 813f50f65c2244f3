// A parameter struct with a constructor is not an aggregate: bind must say so.
#include <orchard/params.hpp>

struct params {
    params() : max_nodes(3) {}
    int max_nodes;
};

int main() { return orchard::bind<params>().max_nodes; }
