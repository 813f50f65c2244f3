// Two plugins with one name in a registry: the error names the duplicate.
#include <orchard/plugin.hpp>

struct params {
    int n = 1;
};

struct first {
    static constexpr std::string_view name = "mock";
    using params_type = params;
    explicit first(const params&) {}
};

struct second {
    static constexpr std::string_view name = "mock";
    using params_type = params;
    explicit second(const params&) {}
};

int main() { return static_cast<int>(orchard::registry<first, second>::size); }
