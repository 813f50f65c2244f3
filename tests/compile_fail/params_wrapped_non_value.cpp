// A marker around a type that is not a value: nothing can parse it.
#include <orchard/params.hpp>

struct opaque {
    int handle = 0;
    opaque() = default;
    explicit opaque(int h) : handle(h) {}
};

struct params {
    orchard::required<opaque> thing;
};

int main() { return orchard::bind<params>().thing->handle; }
