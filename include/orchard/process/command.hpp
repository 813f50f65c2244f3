// What to run: program, arguments, working directory, environment and where stdio goes.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard::process {

// The two output streams of a child, as passed to output sinks.
enum class stream { out = 1, err = 2 };

[[nodiscard]] constexpr std::string_view to_string(stream s) noexcept { return s == stream::out ? "stdout" : "stderr"; }

// Where a child's stdout or stderr goes.
class output {
public:
    enum class kind { inherit, discard, capture, file, append };

    // Default: the parent's own stream, as a shell does.
    output() noexcept = default;

    [[nodiscard]] static output inherit() { return output(kind::inherit, {}); }
    // To /dev/null.
    [[nodiscard]] static output discard() { return output(kind::discard, {}); }
    // Through a pipe, read by child::stream_output(), child::stream_chunks() or run().
    [[nodiscard]] static output capture() { return output(kind::capture, {}); }
    // Created or truncated. A relative path is relative to the command's working directory,
    // as `cd dir && program > file` would be.
    [[nodiscard]] static output to_file(std::filesystem::path path) { return output(kind::file, std::move(path)); }
    // Created or appended to; relative paths as for to_file().
    [[nodiscard]] static output append_to(std::filesystem::path path) { return output(kind::append, std::move(path)); }

    [[nodiscard]] kind how() const noexcept { return kind_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

    friend bool operator==(const output&, const output&) = default;

private:
    output(kind how, std::filesystem::path path) : kind_(how), path_(std::move(path)) {}

    kind kind_ = kind::inherit;
    std::filesystem::path path_;
};

// Where a child's stdin comes from.
class input {
public:
    enum class kind { null, inherit, file };

    // Default: /dev/null, so a child never competes with the orchestrator for a terminal (it runs
    // in its own process group, where reading the terminal would stop it with SIGTTIN).
    input() noexcept = default;

    [[nodiscard]] static input null() { return input(kind::null, {}); }
    [[nodiscard]] static input inherit() { return input(kind::inherit, {}); }
    // A relative path is relative to the command's working directory.
    [[nodiscard]] static input from_file(std::filesystem::path path) { return input(kind::file, std::move(path)); }

    [[nodiscard]] kind how() const noexcept { return kind_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

    friend bool operator==(const input&, const input&) = default;

private:
    input(kind how, std::filesystem::path path) : kind_(how), path_(std::move(path)) {}

    kind kind_ = kind::null;
    std::filesystem::path path_;
};

// The child's environment: the parent's (unless inherit is false), without the names in `unset`,
// with the variables in `set` added or replaced. A name in both is set.
struct environment {
    bool inherit = true;
    std::map<std::string, std::string, std::less<>> set{};
    std::set<std::string, std::less<>> unset{};
};

// A program and its arguments as a vector, never a shell string: nothing is split or expanded.
// An aggregate, so it reads well with designated initialisers:
//   process::command{.program = "sbatch", .args = {"--parsable", script}, .std_out =
//   process::output::capture()}
// Every member has an initialiser, which is what keeps g++'s -Wmissing-field-initializers quiet
// about the members such an initialiser leaves out.
struct command {
    // Searched in PATH when it has no slash (the child's PATH when env.set overrides it); otherwise
    // a path, relative to the working directory. Also the child's argv[0].
    std::string program{};
    std::vector<std::string> args{};
    // Empty: the parent's.
    std::filesystem::path working_directory{};
    environment env{};
    input std_in{};
    output std_out{};
    output std_err{};
    // When the child exits, kill what is left of its process group (e.g. `sleep 30 &` in a script)
    // before reaping it, so a job leaves no orphans. Turn off for programs that start daemons.
    bool kill_group_on_exit = true;
};

}  // namespace orchard::process
