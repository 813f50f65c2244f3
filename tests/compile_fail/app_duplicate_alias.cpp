// Two plugins of one app answer to the same alias: the error names the alias and the plugin that repeats it.
#include <orchard/service/app.hpp>

#include <array>

struct no_params {};

struct hello_world {
    static constexpr std::string_view name = "hello-world";
    static constexpr std::array<std::string_view, 1> aliases{"hw"};
    static constexpr std::string_view summary = "Says hello";
    using params_type = no_params;
    explicit hello_world(const no_params&) {}
    int serve() { return 0; }
    static constexpr auto commands = std::tuple{orchard::app_command<&hello_world::serve>{"serve", "Serves"}};
};

struct hardware {
    static constexpr std::string_view name = "hardware";
    static constexpr std::array<std::string_view, 2> aliases{"hwr", "hw"};
    static constexpr std::string_view summary = "Lists the hardware";
    using params_type = no_params;
    explicit hardware(const no_params&) {}
    int list() const { return 0; }
    static constexpr auto commands = std::tuple{orchard::app_command<&hardware::list>{"list", "Lists"}};
};

int main(int argc, char** argv) {
    const orchard::app<hello_world, hardware> app({.name = "tools", .version = "1.0.0", .env_prefix = "TOOLS"});
    return app.run(argc, argv);
}
