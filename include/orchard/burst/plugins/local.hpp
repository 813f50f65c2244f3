// The local burst plugin: runs each job's command as a local process, a bounded number at a time,
// and keeps each job's exit status and output files.
#pragma once

#include <orchard/params/schema.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/job_traits.hpp>
#include <orchard/process.hpp>

#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace orchard {

struct local_params {
    std::uint32_t max_parallel = 0;  // 0: one per CPU
    std::uint32_t max_nodes = 1;     // jobs asking for more are left to other plugins (0 nodes counts as 1)
    std::uint32_t max_tasks = 0;     // 0: the number of CPUs
    std::filesystem::path output_dir = "burst-output";

    static constexpr field_help help[] = {
        {"max_parallel", "Most jobs running at once (0: one per CPU)"},
        {"max_nodes", "Largest node count of a job this machine accepts"},
        {"max_tasks", "Largest task count of a job this machine accepts (0: the number of CPUs)"},
        {"output_dir", "Directory for each job's <id>.out and <id>.err"},
    };
};

// What became of one job the local plugin ran.
struct local_result {
    std::string job;                             // the job's id
    std::optional<process::exit_status> status;  // empty when the command could not be started
    std::string error;                           // why it could not be started
    std::filesystem::path std_out, std_err;      // the job's output files
    bool success() const noexcept { return status && status->success(); }
};

class local_plugin {
public:
    static constexpr std::string_view name = "local";
    static constexpr std::string_view version = "1.0.0";
    using params_type = local_params;

    explicit local_plugin(const local_params& params) : params_(params) {
        const std::uint32_t cpus = std::max(1u, std::thread::hardware_concurrency());
        if (params_.max_parallel == 0) params_.max_parallel = cpus;
        if (params_.max_tasks == 0) params_.max_tasks = cpus;
    }

    verdict validate() const {
        std::error_code ec;
        std::filesystem::create_directories(params_.output_dir, ec);
        if (ec)
            return verdict::failure("cannot create output_dir " + params_.output_dir.string() + ": " + ec.message());
        return verdict::success();
    }

    // Accepts a job that fits this machine. It reads the job's command, nodes and tasks through
    // orchard::job_traits (a job type without them does not compile), and its id when it has one.
    template <class Job>
    bool schedule(const Job& job) {
        using fields = job_fields<Job>;
        using lacks_command [[maybe_unused]] =
            detail::reported<!fields::command, detail::job_lacks_field<"local", "command", Job>>;
        using lacks_nodes [[maybe_unused]] =
            detail::reported<!fields::nodes, detail::job_lacks_field<"local", "nodes", Job>>;
        using lacks_tasks [[maybe_unused]] =
            detail::reported<!fields::tasks, detail::job_lacks_field<"local", "tasks", Job>>;
        if constexpr (fields::command && fields::nodes && fields::tasks) {
            if (job_traits<Job>::nodes(job) > params_.max_nodes) return false;
            if (job_traits<Job>::tasks(job) > params_.max_tasks) return false;
            std::vector<std::string> command = job_traits<Job>::command(job);
            if (command.empty()) return false;
            pending_.push_back({detail::job_id_or(job, pending_.size() + results_.size()), std::move(command)});
            return true;
        } else {
            return false;
        }
    }

    // Runs every accepted job, at most max_parallel at once, and returns when all have ended.
    void run() {
        struct running_job {
            std::size_t result;
            process::child child;
        };
        std::vector<running_job> running;
        std::size_t next = 0;
        while (next < pending_.size() || !running.empty()) {
            while (next < pending_.size() && running.size() < params_.max_parallel) {
                const pending_job& job = pending_[next++];
                local_result& result = results_.emplace_back();
                result.job = job.id;
                result.std_out = params_.output_dir / (file_name(job.id) + ".out");
                result.std_err = params_.output_dir / (file_name(job.id) + ".err");
                try {
                    process::command command{.program = job.command.front(),
                                             .args = {job.command.begin() + 1, job.command.end()},
                                             .std_out = process::output::to_file(result.std_out),
                                             .std_err = process::output::to_file(result.std_err)};
                    running.push_back({results_.size() - 1, process::spawn(command)});
                    peak_parallel_ = std::max(peak_parallel_, running.size());
                } catch (const spawn_error& e) {
                    result.error = e.what();
                }
            }
            if (running.empty()) continue;
            // Wait for any running job to end: its pidfd becomes readable.
            std::vector<pollfd> fds;
            for (const auto& r : running) fds.push_back({r.child.pidfd(), POLLIN, 0});
            if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
                throw std::system_error(errno, std::generic_category(), "poll");
            for (std::size_t i = running.size(); i-- > 0;) {
                if (!(fds[i].revents & (POLLIN | POLLHUP))) continue;
                results_[running[i].result].status = running[i].child.wait();
                running.erase(running.begin() + std::ptrdiff_t(i));
            }
        }
        pending_.clear();
    }

    const local_params& params() const noexcept { return params_; }
    const std::vector<local_result>& results() const noexcept { return results_; }
    // The most jobs that ran at once during run().
    std::size_t peak_parallel() const noexcept { return peak_parallel_; }

private:
    // A job id as a file name: nothing that could leave output_dir or hide the file.
    static std::string file_name(std::string_view id) {
        std::string out;
        for (char c : id)
            out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
        if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
        return out;
    }

    struct pending_job {
        std::string id;
        std::vector<std::string> command;
    };

    local_params params_;
    std::vector<pending_job> pending_;
    std::vector<local_result> results_;
    std::size_t peak_parallel_ = 0;
};

}  // namespace orchard
