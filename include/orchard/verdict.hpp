// orchard::verdict: the one answer with a reason, returned by value parsers, validate() and checks.
#pragma once

#include <string>
#include <utility>

namespace orchard {

// Success, or a failure with the reason: a phrase that follows the thing judged in messages
// ("is not an integer", "cannot create output_dir ...").
class [[nodiscard]] verdict {
public:
    verdict() = default;  // success
    static verdict success() { return {}; }
    static verdict failure(std::string reason) {
        verdict v;
        v.failed_ = true;
        v.reason_ = std::move(reason);
        return v;
    }
    bool ok() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return ok(); }
    const std::string& reason() const noexcept { return reason_; }

private:
    bool failed_ = false;
    std::string reason_;
};

}  // namespace orchard
