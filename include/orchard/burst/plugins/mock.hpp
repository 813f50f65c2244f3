// The mock burst plugin: records every call, for users' tests of their burst logic.
#pragma once

#include <orchard/params/schema.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/job_traits.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace orchard {

struct mock_params {
    bool accept = true;                                                  // schedule() accepts jobs
    std::uint32_t capacity = std::numeric_limits<std::uint32_t>::max();  // ... at most this many
    bool valid = true;                                                   // what validate() says
    bool fail_run = false;                                               // run() throws

    static constexpr field_help help[] = {
        {"accept", "Whether schedule() accepts jobs"},
        {"capacity", "Most jobs schedule() accepts"},
        {"valid", "What validate() answers"},
        {"fail_run", "Whether run() throws"},
    };
};

class mock_plugin {
public:
    static constexpr std::string_view name = "mock";
    static constexpr std::string_view version = "1.0.0";
    using params_type = mock_params;

    mock_plugin(const mock_params& params, std::string_view instance) : params_(params), instance_(instance) {}

    // Accepts (and records) the job if configured to and below capacity. A job with an id (see
    // orchard::job_traits) is recorded by it, any other by the order it was offered in.
    template <class Job>
    bool schedule(const Job& job) {
        const std::string id = describe(job);
        calls_.push_back("schedule " + id);
        if (!params_.accept || accepted_.size() >= params_.capacity) return false;
        accepted_.push_back(id);
        return true;
    }

    void run() {
        calls_.push_back("run");
        if (params_.fail_run) throw std::runtime_error("mock plugin \"" + instance_ + "\" was told to fail");
        ran_ += accepted_.size();
    }

    void cleanup() { calls_.push_back("cleanup"); }
    void cleanup(std::string_view what) { calls_.push_back("cleanup " + std::string(what)); }
    void unburst() { calls_.push_back("unburst"); }

    verdict validate() const {
        return params_.valid ? verdict::success() : verdict::failure("mock plugin configured with valid=false");
    }

    const std::string& instance() const noexcept { return instance_; }
    const mock_params& params() const noexcept { return params_; }
    const std::vector<std::string>& calls() const noexcept { return calls_; }  // "schedule 3", "run", ...
    const std::vector<std::string>& accepted() const noexcept { return accepted_; }
    std::size_t jobs_run() const noexcept { return ran_; }

private:
    template <class Job>
    std::string describe(const Job& job) {
        ++offered_;
        if constexpr (job_fields<Job>::id) return job_traits<Job>::id(job);
        else return "#" + std::to_string(offered_);
    }

    mock_params params_;
    std::string instance_;
    std::vector<std::string> calls_;
    std::vector<std::string> accepted_;
    std::size_t offered_ = 0;
    std::size_t ran_ = 0;
};

}  // namespace orchard
