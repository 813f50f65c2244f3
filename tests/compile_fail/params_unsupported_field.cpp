// A field whose type is neither a value nor a nested struct of parameters.
#include <orchard/params.hpp>

#include <set>

struct params {
    std::set<int> ports;
};

int main() { return static_cast<int>(orchard::bind<params>().ports.size()); }
