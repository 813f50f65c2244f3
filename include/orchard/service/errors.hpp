// What a service's client can be told: the server's error answer, a refused login.
#pragma once

#include <orchard/error.hpp>

#include <string>
#include <utility>
#include <vector>

namespace orchard {

// The server answered a request with an error: the message, and each problem (a bad extra...).
class service_error : public error {
public:
    service_error(std::string message, std::vector<std::string> problems)
        : error(render(message, problems)), message_(std::move(message)), problems_(std::move(problems)) {}
    const std::string& message() const noexcept { return message_; }
    const std::vector<std::string>& problems() const noexcept { return problems_; }

private:
    static std::string render(const std::string& message, const std::vector<std::string>& problems) {
        // The message of an invalid petition already lists its problems; others may add them.
        std::string out = message;
        for (const auto& p : problems)
            if (message.find(p) == std::string::npos) out += "\n  - " + p;
        return out;
    }
    std::string message_;
    std::vector<std::string> problems_;
};

// The server refused the login (a wrong or missing key).
class login_refused : public error {
public:
    using error::error;
};

// No service answers at the address, or the connection to it was lost.
class service_unavailable : public error {
public:
    using error::error;
};

}  // namespace orchard
