// A parameter struct without defaults for every field: bind starts from P{}.
#include <orchard/params.hpp>

struct no_default {
    explicit no_default(int) {}
};

struct params {
    no_default value;
};

int main() { return static_cast<int>(orchard::schema<params>().size()); }
