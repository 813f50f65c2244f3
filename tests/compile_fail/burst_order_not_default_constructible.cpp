// A plugin order the client cannot make.
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};
struct fixed_order {
    explicit fixed_order(std::vector<std::string> names) : names(std::move(names)) {}
    std::vector<std::string> operator()(std::vector<std::string>) const { return names; }
    std::vector<std::string> names;
};

int main() {
    orchard::burst_client<job, orchard::registry<orchard::mock_plugin>, orchard::plugin_order<fixed_order>> client;
    client.load("mock");
}
