// A plugin whose parameters are not a plain aggregate: they cannot be bound field by field.
#include <orchard/plugin.hpp>

struct local_params {
    explicit local_params(int n) : max_nodes(n) {}
    int max_nodes;
};

struct local {
    static constexpr std::string_view name = "local";
    using params_type = local_params;
    explicit local(const local_params&) {}
};

int main() { return static_cast<int>(orchard::registry<local>::size); }
