// An enum whose values lie outside the range scanned for names.
#include <orchard/params.hpp>

enum class level { low = 1000, high = 2000 };

struct params {
    level l = level::low;
};

int main() { return static_cast<int>(orchard::bind<params>().l); }
