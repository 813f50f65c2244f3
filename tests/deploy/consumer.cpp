// A tiny program using Orchard the way a user's project does.
#include <orchard/orchard.hpp>

#include <iostream>

struct options {
    int nodes = 1;
};

int main(int argc, char** argv) {
    const auto o = orchard::bind<options>(orchard::from_args(argc, argv));
    std::cout << "nodes = " << o.nodes << "\n";
    return o.nodes == 4 ? 0 : 1;
}
