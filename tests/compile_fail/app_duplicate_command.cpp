// Two commands with one name.
#include <orchard/service/app.hpp>

struct tool {
    static constexpr std::string_view name = "tool";
    static constexpr std::string_view summary = "A tool";
    int a() const { return 0; }
    int b() const { return 1; }
    static constexpr auto commands =
        std::tuple{orchard::app_command<&tool::a>{"run", "Runs"}, orchard::app_command<&tool::b>{"run", "Runs too"}};
};

int main(int argc, char** argv) { return orchard::app<tool>({.name = "t"}).run(argc, argv); }
