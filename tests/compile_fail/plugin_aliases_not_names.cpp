// Aliases that are not names.
#include <orchard/plugin.hpp>

struct gke {
    static constexpr std::string_view name = "gke";
    static constexpr std::array<int, 2> aliases{1, 2};  // error: std::string_view expected
};

int main() { return static_cast<int>(orchard::registry<gke>::size); }
