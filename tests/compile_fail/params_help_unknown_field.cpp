// The help table names a field the struct does not have (a typo).
#include <orchard/params.hpp>

struct params {
    int max_nodes = 3;
    static constexpr orchard::field_help help[] = {{"max_node", "Most nodes to start"}};
};

int main() { return orchard::bind<params>().max_nodes; }
