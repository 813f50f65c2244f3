// An app plugin whose command takes its arguments by value: the error names the plugin and the command.
#include <orchard/service/app.hpp>

struct hello_params {
    int greetings = 1;
};

struct send_args {
    int counter = 1;
};

struct hello_world {
    static constexpr std::string_view name = "hello-world";
    static constexpr std::string_view summary = "Says hello";
    using params_type = hello_params;
    explicit hello_world(const hello_params&) {}

    int send(send_args args) { return args.counter; }  // must be const send_args&

    static constexpr auto commands = std::tuple{orchard::app_command<&hello_world::send>{"send", "Sends a petition"}};
};

int main(int argc, char** argv) {
    const orchard::app<hello_world> app({.name = "hello", .version = "0.1.0", .env_prefix = "HELLO"});
    return app.run(argc, argv);
}
