// Orcha's hello-world tutorial, in Orchard: `orchard hello-world serve` runs the service;
// `orchard hello-world send ID --counter 3 --sleep-time 2` prints "Hello world! 0", sleeps,
// "Hello world! 1"... and exits with the action's exit code. Ctrl-C in `send` cancels the petition
// on the service (exit code 130).
#include <orchard/manage.hpp>
#include <orchard/service.hpp>
#include <orchard/service/app.hpp>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

// A petition: the fields Orcha's HWPetition has. Its priority is computed, as Orcha's __post_init__
// does: counter * sleep_time, lower runs first.
struct hello_petition {
    std::string id;
    int priority = 0;
    int counter = 1;
    double sleep_time = 0;
};

// The manager's hooks: how a message becomes a petition, and what a petition runs.
struct hello_hooks {
    std::optional<hello_petition> convert(const orchard::message& m) const {
        struct extras {
            int counter = 1;
            double sleep_time = 0;
        };
        const auto e = orchard::bind<extras>(orchard::from_map(m.extras, "petition " + m.id));
        std::vector<orchard::problem> problems;
        if (e.counter < 0) problems.push_back({"counter", "key \"counter\" of petition " + m.id, std::to_string(e.counter), "is negative", "a count of 0 or more", {}});
        if (e.sleep_time < 0) problems.push_back({"sleep_time", "key \"sleep_time\" of petition " + m.id, orchard::format_value(e.sleep_time), "is negative", "0 or more seconds", {}});
        if (!problems.empty()) throw orchard::binding_error("petition " + m.id, std::move(problems));
        return hello_petition{m.id, static_cast<int>(e.counter * e.sleep_time), e.counter, e.sleep_time};
    }

    // The action runs as a child process, so that cancelling it signals exactly its process group.
    // Arguments are passed as argv ($1, $2), never pasted into the script.
    orchard::process::command command(const hello_petition& p) const {
        return {.program = "sh",
                .args = {"-c", R"(i=0; while [ "$i" -lt "$1" ]; do echo "Hello world! $i"; i=$((i + 1)); sleep "$2"; done)",
                         "hello-world", std::to_string(p.counter), orchard::format_value(p.sleep_time)}};
    }
};

// At most one running action per CPU, as the tutorial's predicate says.
using hello_manager = orchard::manager<hello_petition, orchard::manager_limit<orchard::max_running_cpus>,
                                       orchard::manager_executor<orchard::process_executor>, orchard::manager_hooks<hello_hooks>>;

struct no_params {};

struct serve_args {
    std::filesystem::path socket = orchard::default_socket_path("orchard-hello-world");
    orchard::secret<std::string> key{};
    std::optional<std::string> listen{};
    std::uint32_t workers = 0;
    orchard::shutdown_mode stop_mode = orchard::shutdown_mode::cancel;

    static constexpr orchard::field_help help[] = {
        {"socket", "Unix socket to listen on"},
        {"key", "Shared key clients must know (or --key-file FILE)"},
        {"listen", "Also listen on TCP at HOST:PORT (or PORT, on loopback)"},
        {"workers", "Petitions running at once at most (0: one per CPU)"},
        {"stop_mode", "On SIGTERM or SIGINT: cancel or drain the petitions"},
    };
};

struct send_args {
    orchard::required<orchard::positional<std::string>> id{};
    int counter = 1;
    double sleep_time = 0;
    std::filesystem::path socket = orchard::default_socket_path("orchard-hello-world");
    orchard::secret<std::string> key{};
    std::optional<std::string> connect{};

    static constexpr orchard::field_help help[] = {
        {"id", "Identifier of the petition"},
        {"counter", "How many greetings"},
        {"sleep_time", "Seconds between greetings"},
        {"socket", "Unix socket of the service"},
        {"key", "Shared key of the service (or --key-file FILE)"},
        {"connect", "Connect over TCP to HOST:PORT instead of the socket"},
    };
};

class hello_world {
public:
    static constexpr std::string_view name = "hello-world";
    static constexpr std::array<std::string_view, 1> aliases{"hw"};
    static constexpr std::string_view summary = "Hello World! from Orchard";
    static constexpr std::string_view version = "0.1.0";
    using params_type = no_params;

    explicit hello_world(const no_params&) {}

    int serve(const serve_args& args) {
        orchard::server<hello_manager> server(
            {.socket = args.socket, .listen = args.listen, .key = args.key, .stop_mode = args.stop_mode},
            {.max_workers = args.workers});
        std::cerr << "serving on " << args.socket.string()
                  << (args.listen ? " and " + *args.listen : std::string()) << std::endl;
        server.run();
        return 0;
    }

    int send(const send_args& args) {
        const orchard::service_address where{args.socket, args.connect};
        const std::string& id = **args.id;
        // Ctrl-C is taken by a thread of our own (a shell starts background jobs with SIGINT
        // ignored, so the default disposition is restored first); it asks the service to cancel.
        std::signal(SIGINT, SIG_DFL);
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGUSR2);  // "the petition ended": lets the thread go
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);
        std::atomic<bool> interrupted{false};
        std::thread watcher([&] {
            int sig = 0;
            sigwait(&signals, &sig);
            if (sig != SIGINT) return;
            interrupted = true;
            std::cerr << "Ctrl + C caught! Finishing..." << std::endl;
            try {
                orchard::service_client(where, *args.key).cancel(id);
            } catch (const orchard::error& e) {
                std::cerr << e.what() << std::endl;
            }
        });
        int code = 0;
        try {
            orchard::service_client client(where, *args.key);
            const orchard::outcome o = client.send(
                {id, {{"counter", std::to_string(args.counter)}, {"sleep_time", orchard::format_value(args.sleep_time)}}},
                [](orchard::process::stream s, std::string_view line) {
                    (s == orchard::process::stream::err ? std::cerr : std::cout) << line << std::endl;
                });
            if (interrupted && o.state == orchard::petition_state::cancelled) code = 130;
            else if (o.exit_code) code = *o.exit_code;
            else code = orchard::exit_code::software;
            if (o.state != orchard::petition_state::finished) std::cerr << to_string(o.state) << ": " << o.reason << std::endl;
        } catch (const orchard::login_refused& e) {
            std::cerr << e.what() << std::endl;
            code = orchard::exit_code::no_permission;
        } catch (const orchard::service_error& e) {
            std::cerr << e.what() << std::endl;
            code = orchard::exit_code::data_error;
        } catch (const orchard::error& e) {
            std::cerr << e.what() << std::endl;
            code = orchard::exit_code::unavailable;
        }
        pthread_kill(watcher.native_handle(), SIGUSR2);
        watcher.join();
        return code;
    }

    static constexpr auto commands = std::tuple{
        orchard::app_command<&hello_world::serve>{"serve", "Starts the service in the foreground"},
        orchard::app_command<&hello_world::send>{"send", "Sends a petition to the service and prints its output"}};
};

int main(int argc, char** argv) {
    const orchard::app<hello_world> app({.name = "orchard", .version = "0.1.0", .env_prefix = "ORCHARD"});
    return app.run(argc, argv);
}
