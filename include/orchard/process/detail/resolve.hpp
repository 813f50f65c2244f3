// Finding a program in PATH in the parent, so "not found" is a clear error rather than exit code 127.
#pragma once

#include <orchard/process/command.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace orchard::detail {

// execvp's choice when PATH is not set at all.
inline constexpr std::string_view default_search_path = "/bin:/usr/bin";

// The PATH the child will see, since that is the one its program is meant to be found in.
[[nodiscard]] inline std::string_view search_path_for(const process::environment& env) noexcept {
    if (const auto set = env.set.find(std::string_view("PATH")); set != env.set.end()) return set->second;
    if (!env.inherit || env.unset.contains(std::string_view("PATH"))) return default_search_path;
    const char* inherited = std::getenv("PATH");
    return inherited ? std::string_view(inherited) : default_search_path;
}

// The first executable regular file named `program` in the directories of `search_path` (an
// empty entry is the current directory, as for execvp), as an absolute path so that a working
// directory given to the child cannot change what it names. Empty on failure, with `error` set to
// EACCES when a file was found but is not executable, ENOENT otherwise.
[[nodiscard]] inline std::string find_in_path(std::string_view program, std::string_view search_path, int& error) {
    error = ENOENT;
    std::string candidate;
    for (std::size_t begin = 0; begin <= search_path.size();) {
        std::size_t end = search_path.find(':', begin);
        if (end == std::string_view::npos) end = search_path.size();
        const std::string_view directory = search_path.substr(begin, end - begin);
        begin = end + 1;

        candidate.assign(directory.empty() ? std::string_view(".") : directory);
        candidate += '/';
        candidate += program;
        struct stat info {};
        if (::stat(candidate.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
        if (::faccessat(AT_FDCWD, candidate.c_str(), X_OK, AT_EACCESS) != 0) {
            error = EACCES;
            continue;
        }
        error = 0;
        if (candidate.front() != '/') {
            std::error_code ignored;
            std::filesystem::path absolute = std::filesystem::absolute(candidate, ignored);
            if (!ignored) candidate = absolute.string();
        }
        return candidate;
    }
    return {};
}

}  // namespace orchard::detail
