// Starting a command: posix_spawn into a new process group with its stdio set up, then a pidfd.
#pragma once

#include <orchard/process/command.hpp>
#include <orchard/process/detail/environment_block.hpp>
#include <orchard/process/detail/pidfd.hpp>
#include <orchard/process/detail/resolve.hpp>
#include <orchard/process/detail/unique_fd.hpp>
#include <orchard/process/error.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

namespace orchard::detail {

// What spawn_process hands over to a child object.
struct spawned {
    pid_t pid = -1;
    unique_fd pidfd;
    // The parent's read ends of captured pipes.
    unique_fd out;
    unique_fd err;
    bool kill_group_on_exit = true;
};

[[nodiscard]] inline std::error_code errno_code(int value) noexcept { return {value, std::system_category()}; }

[[noreturn]] inline void throw_spawn_error(const std::string& program, const std::string& reason, int error) {
    throw spawn_error(program, reason + ": " + errno_code(error).message(), errno_code(error));
}

// The child leads a new process group, so the whole job can be signalled at once, and starts with
// an empty signal mask and default dispositions whatever the orchestrator blocks or ignores:
// request_stop() relies on SIGTERM reaching the program, and pipelines in job scripts rely on
// SIGPIPE. glibc's child already visits every signal's disposition, so this costs no system call.
class spawn_attributes {
public:
    spawn_attributes() noexcept {
        ::posix_spawnattr_init(&attributes_);
        sigset_t none;
        ::sigemptyset(&none);
        sigset_t all;
        ::sigfillset(&all);
        ::posix_spawnattr_setsigmask(&attributes_, &none);
        ::posix_spawnattr_setsigdefault(&attributes_, &all);
        ::posix_spawnattr_setpgroup(&attributes_, 0);
        ::posix_spawnattr_setflags(
            &attributes_, static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
    }
    ~spawn_attributes() { ::posix_spawnattr_destroy(&attributes_); }
    spawn_attributes(const spawn_attributes&) = delete;
    spawn_attributes& operator=(const spawn_attributes&) = delete;

    [[nodiscard]] const posix_spawnattr_t* get() const noexcept { return &attributes_; }

private:
    posix_spawnattr_t attributes_;
};

// What the child does between vfork and exec. Passed as null when empty, which spares glibc a loop.
class file_actions {
public:
    file_actions() noexcept { ::posix_spawn_file_actions_init(&actions_); }
    ~file_actions() { ::posix_spawn_file_actions_destroy(&actions_); }
    file_actions(const file_actions&) = delete;
    file_actions& operator=(const file_actions&) = delete;

    [[nodiscard]] int dup2(int from, int to) noexcept {
        used_ = true;
        return ::posix_spawn_file_actions_adddup2(&actions_, from, to);
    }
    [[nodiscard]] int open(int fd, const char* path, int flags) noexcept {
        used_ = true;
        return ::posix_spawn_file_actions_addopen(&actions_, fd, path, flags, 0);
    }
    [[nodiscard]] int fchdir(int fd) noexcept {
        used_ = true;
        return ::posix_spawn_file_actions_addfchdir_np(&actions_, fd);
    }

    [[nodiscard]] const posix_spawn_file_actions_t* get() const noexcept { return used_ ? &actions_ : nullptr; }

private:
    posix_spawn_file_actions_t actions_;
    bool used_ = false;
};

// Files are opened here, in the parent, rather than by file actions in the child, so that an
// error names the file instead of surfacing as an anonymous posix_spawn failure.
[[nodiscard]] inline unique_fd open_redirection(const std::string& program, const std::filesystem::path& path,
                                                int directory, int flags, const char* stream_name) {
    unique_fd fd(::openat(directory, path.c_str(), flags | O_CLOEXEC, 0666));
    if (!fd) throw_spawn_error(program, "cannot open '" + path.string() + "' for " + stream_name, errno);
    if (const int error = move_above_stdio(fd)) throw_spawn_error(program, "cannot open a descriptor", error);
    return fd;
}

// Sets up the child's descriptor `target` (1 or 2). `source` keeps the parent's copy of what the
// child gets open until posix_spawn has run; `read_end` receives the parent's end of a pipe.
inline void plan_output(const process::output& where, int target, const char* stream_name, int directory,
                        const std::string& program, file_actions& actions, unique_fd& source, unique_fd& read_end) {
    using kind = process::output::kind;
    int error = 0;
    switch (where.how()) {
        case kind::inherit:
            return;
        case kind::discard:
            error = actions.open(target, "/dev/null", O_WRONLY);
            break;
        case kind::capture: {
            int ends[2];
            if (::pipe2(ends, O_CLOEXEC) != 0)
                throw_spawn_error(program, std::string("cannot create a pipe for ") + stream_name, errno);
            read_end.reset(ends[0]);
            source.reset(ends[1]);
            error = move_above_stdio(source);
            if (error == 0) error = actions.dup2(source.get(), target);
            break;
        }
        case kind::file:
        case kind::append:
            source =
                open_redirection(program, where.path(), directory,
                                 O_WRONLY | O_CREAT | (where.how() == kind::append ? O_APPEND : O_TRUNC), stream_name);
            error = actions.dup2(source.get(), target);
            break;
    }
    if (error != 0) throw_spawn_error(program, std::string("cannot redirect ") + stream_name, error);
}

[[nodiscard]] inline std::string describe_spawn_failure(int error, const char* path, int directory,
                                                        const process::command& command) {
    std::string reason = errno_code(error).message();
    struct stat info {};
    if (error == ENOENT && ::fstatat(directory, path, &info, 0) == 0)
        reason += " (the file exists, so its interpreter or dynamic loader is missing)";
    if (!command.working_directory.empty())
        reason += " (working directory '" + command.working_directory.string() + "')";
    return reason;
}

[[nodiscard]] inline spawned spawn_process(const process::command& command) {
    const std::string& program = command.program;
    const auto invalid = std::make_error_code(std::errc::invalid_argument);
    if (program.empty()) throw spawn_error(program, "the program name is empty", invalid);
    if (program.find('\0') != std::string::npos)
        throw spawn_error(program, "the program name contains a NUL byte", invalid);
    for (std::size_t i = 0; i < command.args.size(); ++i) {
        if (command.args[i].find('\0') != std::string::npos)
            throw spawn_error(program, "argument " + std::to_string(i + 1) + " contains a NUL byte", invalid);
    }

    const environment_block environment(command.env, program);

    std::string found;
    const char* path = program.c_str();
    if (program.find('/') == std::string::npos) {
        const std::string_view search_path = search_path_for(command.env);
        int error = 0;
        found = find_in_path(program, search_path, error);
        if (found.empty()) {
            throw spawn_error(
                program,
                (error == EACCES ? "found in PATH but not executable (PATH=" : "not found in PATH (PATH=") +
                    std::string(search_path) + ")",
                errno_code(error));
        }
        path = found.c_str();
    }

    file_actions actions;
    // An O_PATH descriptor of the directory: opening it here names the directory in the error, and
    // output files given with relative paths are opened relative to it.
    unique_fd directory_fd;
    int directory = AT_FDCWD;
    if (!command.working_directory.empty()) {
        directory_fd.reset(::open(command.working_directory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!directory_fd)
            throw_spawn_error(program, "working directory '" + command.working_directory.string() + "'", errno);
        directory = directory_fd.get();
        // First, before any dup2 could reuse the descriptor's number in the child.
        if (const int error = actions.fchdir(directory))
            throw_spawn_error(program, "cannot change the working directory", error);
    }

    spawned result;
    result.kill_group_on_exit = command.kill_group_on_exit;

    unique_fd in_source;
    switch (command.std_in.how()) {
        case process::input::kind::null:
            if (const int error = actions.open(0, "/dev/null", O_RDONLY))
                throw_spawn_error(program, "cannot redirect stdin", error);
            break;
        case process::input::kind::inherit:
            break;
        case process::input::kind::file:
            in_source = open_redirection(program, command.std_in.path(), directory, O_RDONLY, "stdin");
            if (const int error = actions.dup2(in_source.get(), 0))
                throw_spawn_error(program, "cannot redirect stdin", error);
            break;
    }

    unique_fd out_source;
    unique_fd err_source;
    plan_output(command.std_out, 1, "stdout", directory, program, actions, out_source, result.out);
    const bool same_file =
        command.std_err == command.std_out && (command.std_out.how() == process::output::kind::file ||
                                               command.std_out.how() == process::output::kind::append);
    if (same_file) {
        // One open file description for both, as `> file 2>&1` gives: writes interleave instead
        // of overwriting each other.
        if (const int error = actions.dup2(out_source.get(), 2))
            throw_spawn_error(program, "cannot redirect stderr", error);
    } else {
        plan_output(command.std_err, 2, "stderr", directory, program, actions, err_source, result.err);
    }

    // argv on the stack for the usual handful of arguments.
    constexpr std::size_t inline_arguments = 16;
    std::array<char*, inline_arguments> small_argv;
    std::vector<char*> large_argv;
    char** argv = small_argv.data();
    if (command.args.size() + 2 > inline_arguments) {
        large_argv.resize(command.args.size() + 2);
        argv = large_argv.data();
    }
    // posix_spawn's signature predates const; it does not modify the strings.
    argv[0] = const_cast<char*>(program.c_str());
    for (std::size_t i = 0; i < command.args.size(); ++i) argv[i + 1] = const_cast<char*>(command.args[i].c_str());
    argv[command.args.size() + 1] = nullptr;

    const spawn_attributes attributes;
    pid_t pid = -1;
    // glibc's posix_spawn runs the child with CLONE_VFORK and reports a failed exec as its own
    // error, so there is no exit code 127 to decode.
    if (const int error = ::posix_spawn(&pid, path, actions.get(), attributes.get(), argv, environment.get()))
        throw spawn_error(program, describe_spawn_failure(error, path, directory, command), errno_code(error));
    result.pid = pid;

    // The pid cannot be recycled before we reap it, so it still names our child here, even if it
    // has already exited.
    result.pidfd.reset(pidfd_open(pid));
    if (!result.pidfd) {
        const int error = errno;
        // ESRCH means someone else already reaped it, and the pid may be anyone's by now.
        if (error != ESRCH) {
            ::killpg(pid, SIGKILL);
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {}
        }
        throw process_error("cannot open a pidfd for process " + std::to_string(pid) + " ('" + program +
                                "'): " + errno_code(error).message(),
                            errno_code(error));
    }
    return result;
}

}  // namespace orchard::detail
