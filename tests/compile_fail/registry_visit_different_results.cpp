// registry::visit with a function that returns different types for different plugins.
#include <orchard/plugin.hpp>

struct a {
    static constexpr std::string_view name = "a";
};
struct b {
    static constexpr std::string_view name = "b";
};

int main() {
    return orchard::registry<a, b>::visit("a", [](auto type) {
        if constexpr (std::is_same_v<typename decltype(type)::type, a>) return 1;
        else return 2.0;
    });
}
