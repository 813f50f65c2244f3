// A plugin aliased "ls", the command every app embeds.
#include <orchard/service/app.hpp>

struct lister {
    static constexpr std::string_view name = "lister";
    static constexpr std::array<std::string_view, 1> aliases{"ls"};
    static constexpr std::string_view summary = "Lists things";
    int list() const { return 0; }
    static constexpr auto commands = std::tuple{orchard::app_command<&lister::list>{"list", "Lists"}};
};

int main(int argc, char** argv) {
    const orchard::app<lister> app({.name = "tools"});
    return app.run(argc, argv);
}
