// The environment block a child receives, built only when the command changes the parent's.
#pragma once

#include <orchard/process/command.hpp>
#include <orchard/process/error.hpp>

#include <unistd.h>  // environ

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace orchard::detail {

class environment_block {
public:
    // Throws spawn_error (naming `program`) for a variable that cannot be passed to a process.
    environment_block(const process::environment& env, const std::string& program) {
        for (const auto& [name, value] : env.set) {
            check_name(name, program);
            if (value.find('\0') != std::string::npos)
                throw spawn_error(program, "the value of environment variable '" + name + "' contains a NUL byte",
                                  std::make_error_code(std::errc::invalid_argument));
        }
        for (const auto& name : env.unset) check_name(name, program);

        // The common case costs nothing: the child gets the parent's block itself.
        if (env.inherit && env.set.empty() && env.unset.empty()) return;

        owned_.reserve(env.set.size());
        for (const auto& [name, value] : env.set) owned_.push_back(name + '=' + value);
        if (env.inherit) {
            for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
                const std::string_view text(*entry);
                const std::string_view name = text.substr(0, text.find('='));
                if (env.set.contains(name) || env.unset.contains(name)) continue;
                pointers_.push_back(*entry);
            }
        }
        for (std::string& entry : owned_) pointers_.push_back(entry.data());
        pointers_.push_back(nullptr);
    }

    environment_block(const environment_block&) = delete;
    environment_block& operator=(const environment_block&) = delete;

    [[nodiscard]] char* const* get() const noexcept {
        static char* const no_variables[] = {nullptr};  // environ is null after clearenv()
        if (!pointers_.empty()) return pointers_.data();
        return environ != nullptr ? environ : no_variables;
    }

private:
    static void check_name(const std::string& name, const std::string& program) {
        if (name.empty() || name.find_first_of(std::string_view("=\0", 2)) != std::string::npos)
            throw spawn_error(program, "invalid environment variable name '" + name + "'",
                              std::make_error_code(std::errc::invalid_argument));
    }

    std::vector<std::string> owned_;
    // Empty when the parent's block is used as is; otherwise null-terminated.
    std::vector<char*> pointers_;
};

}  // namespace orchard::detail
