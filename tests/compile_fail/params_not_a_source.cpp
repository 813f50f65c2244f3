// Something that is not a parameter source given to bind.
#include <orchard/params.hpp>

struct params {
    int n = 0;
};

int main() { return orchard::bind<params>(42).n; }
