// A plugin that does not say what its parameters are.
#include <orchard/plugin.hpp>

struct local {
    static constexpr std::string_view name = "local";
};

int main() { return static_cast<int>(orchard::registry<local>::size); }
