// An app plugin that does not say what it is.
#include <orchard/service/app.hpp>

struct tool {
    static constexpr std::string_view name = "tool";
    int a() const { return 0; }
    static constexpr auto commands = std::tuple{orchard::app_command<&tool::a>{"run", "Runs"}};
};

int main(int argc, char** argv) { return orchard::app<tool>({.name = "t"}).run(argc, argv); }
