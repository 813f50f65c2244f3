// How a child process ended: exited with a code, or killed by a signal.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <string.h>  // sigabbrev_np (GNU), which <cstring> need not declare

namespace orchard::process {

class exit_status {
public:
    [[nodiscard]] static constexpr exit_status from_code(int code) noexcept { return {code, 0, false}; }
    [[nodiscard]] static constexpr exit_status from_signal(int signal, bool core_dumped = false) noexcept {
        return {0, signal, core_dumped};
    }

    [[nodiscard]] constexpr bool exited() const noexcept { return signal_ == 0; }
    [[nodiscard]] constexpr bool signaled() const noexcept { return signal_ != 0; }
    [[nodiscard]] constexpr bool success() const noexcept { return exited() && code_ == 0; }

    // Optional so that `status.code() == 0` is false for a killed process rather than a lie.
    [[nodiscard]] constexpr std::optional<int> code() const noexcept {
        return exited() ? std::optional<int>(code_) : std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<int> signal() const noexcept {
        return signaled() ? std::optional<int>(signal_) : std::nullopt;
    }
    [[nodiscard]] constexpr bool core_dumped() const noexcept { return core_dumped_; }

    // What a shell would put in $?, so a wrapper can pass its child's status on unchanged.
    [[nodiscard]] constexpr int shell_code() const noexcept { return exited() ? code_ : 128 + signal_; }

    friend constexpr bool operator==(const exit_status&, const exit_status&) noexcept = default;

private:
    constexpr exit_status(int code, int signal, bool core_dumped) noexcept
        : code_(code), signal_(signal), core_dumped_(core_dumped) {}

    int code_;
    int signal_;
    bool core_dumped_;
};

// "exited with code 3", "killed by signal 9 (SIGKILL)": for logs and error messages.
[[nodiscard]] inline std::string to_string(const exit_status& status) {
    if (status.exited()) return "exited with code " + std::to_string(*status.code());
    std::string text = "killed by signal " + std::to_string(*status.signal());
    if (const char* name = ::sigabbrev_np(*status.signal())) {
        text += " (SIG";
        text += name;
        text += ')';
    }
    if (status.core_dumped()) text += ", core dumped";
    return text;
}

inline std::ostream& operator<<(std::ostream& out, const exit_status& status) { return out << to_string(status); }

}  // namespace orchard::process
