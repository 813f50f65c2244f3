// The slurm burst plugin: places jobs on an existing Slurm cluster through its commands (sbatch,
// squeue, sacct, scancel, scontrol, sinfo), tracks them until they end, and keeps how each ended.
#pragma once

#include <orchard/burst/plugins/detail/slurm_text.hpp>
#include <orchard/error.hpp>
#include <orchard/params/byte_size.hpp>
#include <orchard/params/schema.hpp>
#include <orchard/plugin/concepts.hpp>
#include <orchard/plugin/job_traits.hpp>
#include <orchard/process.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace orchard {

// A Slurm command failed, or Slurm cannot be reached; what() ends with Slurm's own message.
class slurm_error : public error {
public:
    using error::error;
};

// Where Slurm's commands are: names are searched in PATH, or give paths (/opt/slurm/bin/sbatch).
struct slurm_commands {
    std::string sbatch = "sbatch";
    std::string squeue = "squeue";
    std::string sacct = "sacct";
    std::string scancel = "scancel";
    std::string scontrol = "scontrol";
    std::string sinfo = "sinfo";
    std::string srun = "srun";

    static constexpr field_help help[] = {
        {"sbatch", "sbatch: submits each job"},
        {"squeue", "squeue: one call per poll for the states of all jobs"},
        {"sacct", "sacct: asked about jobs squeue has forgotten (needs accounting)"},
        {"scancel", "scancel: cancels jobs"},
        {"scontrol", "scontrol: reads the partition's limits"},
        {"sinfo", "sinfo: reads the partition's nodes"},
        {"srun", "srun: starts the tasks when launch = srun (runs on the node)"},
    };
};

// How the batch script starts the job's command: `exec` runs it once, on the job's first node, as
// sbatch runs any script; `srun` starts one copy per task across the job's nodes.
enum class slurm_launch { exec, srun };

struct slurm_params {
    std::string partition{};                           // empty: the cluster's default partition
    std::string account{};                             // empty: the user's default account
    std::optional<std::chrono::seconds> time_limit{};  // unset: the partition's default
    std::uint32_t nodes = 1;                           // for jobs that say 0 nodes
    std::uint32_t tasks = 1;                           // for jobs that say 0 tasks
    std::uint32_t cpus_per_task = 1;
    std::optional<byte_size> memory{};          // per node; unset: the cluster's default
    std::vector<std::string> sbatch_options{};  // passed on as they are, one argument each
    slurm_launch launch = slurm_launch::exec;
    std::chrono::milliseconds poll_interval = std::chrono::seconds(1);
    std::filesystem::path output_dir = "slurm-output";         // must be reachable from the nodes
    std::optional<std::filesystem::path> working_directory{};  // unset: this process's
    std::optional<std::filesystem::path> slurm_conf{};         // unset: SLURM_CONF or Slurm's default
    // Pending for one of these reasons, a job would wait until an administrator changes the
    // cluster: it is cancelled instead, so that run() ends.
    std::vector<std::string> cancel_reasons = {"PartitionConfig",         "PartitionNodeLimit", "PartitionTimeLimit",
                                               "BadConstraints",          "InvalidAccount",     "InvalidQOS",
                                               "DependencyNeverSatisfied"};
    std::uint32_t max_failed_polls = 10;  // squeue failures in a row before run() gives up
    slurm_commands commands{};

    static constexpr field_help help[] = {
        {"partition", "Partition to submit to (empty: the cluster's default)"},
        {"account", "Account to charge (empty: the user's default)"},
        {"time_limit", "Time limit of jobs without their own (unset: the partition's default)"},
        {"nodes", "Nodes of a job that does not say"},
        {"tasks", "Tasks of a job that does not say"},
        {"cpus_per_task", "CPUs per task"},
        {"memory", "Memory per node of a job that does not say (unset: the cluster's default)"},
        {"sbatch_options", "More sbatch options, one argument each (e.g. --qos=debug,--exclusive)"},
        {"launch", "exec: run the command once; srun: run one copy per task"},
        {"poll_interval", "Time between two squeue calls while jobs run (at least 10ms)"},
        {"output_dir", "Directory for <id>.out, <id>.err and <id>.sbatch; must be shared with the nodes"},
        {"working_directory", "Working directory of the jobs (unset: this process's)"},
        {"slurm_conf", "slurm.conf for every Slurm command (unset: SLURM_CONF or Slurm's default)"},
        {"cancel_reasons", "Pending reasons after which Slurm would never start a job: such jobs are cancelled"},
        {"max_failed_polls", "squeue failures in a row after which run() stops with Slurm's message"},
        {"commands", "Where Slurm's commands are"},
    };
};

// One node of a partition, as sinfo reports it.
struct slurm_node {
    std::string name{};
    std::uint32_t cpus = 0;
    std::uint64_t memory = 0;  // bytes
    std::string state{};
};

// What the plugin learnt about its partition, to decide which jobs it can place.
struct slurm_partition {
    std::string name{};
    std::string state{};  // UP, DOWN, DRAIN, INACTIVE
    std::uint32_t total_nodes = 0;
    std::uint32_t total_cpus = 0;
    std::optional<std::uint32_t> max_nodes{};  // per job
    std::optional<std::uint32_t> max_cpus_per_node{};
    std::optional<std::uint64_t> max_memory_per_node{};  // bytes
    std::optional<std::chrono::seconds> max_time{};
    std::vector<slurm_node> nodes{};
};

// What a job asks of Slurm, after the plugin's defaults have filled what the job does not say.
struct slurm_request {
    std::vector<std::string> command{};
    std::uint32_t nodes = 1;
    std::uint32_t tasks = 1;
    std::uint32_t cpus_per_task = 1;
    std::optional<std::chrono::seconds> time_limit{};
    std::optional<std::uint64_t> memory{};  // bytes per node
};

// What became of one job the slurm plugin accepted.
struct slurm_result {
    using clock = std::chrono::steady_clock;

    std::string job{};       // the job's id
    std::string slurm_id{};  // Slurm's job id; empty until sbatch accepted the job
    // Slurm's state (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY...),
    // or the plugin's: ACCEPTED (not yet submitted), REFUSED (sbatch said no: see error),
    // UNKNOWN (Slurm forgot the job before the plugin saw it end: see error).
    std::string state = "ACCEPTED";
    std::string reason{};                          // Slurm's reason: Resources, NonZeroExitCode, ...
    std::optional<process::exit_status> status{};  // once ended: the batch script's exit, as Slurm reports it
    std::string error{};                           // Slurm's message when something went wrong
    std::filesystem::path std_out{}, std_err{}, script{};
    clock::time_point submitted_at{};  // when sbatch returned
    clock::time_point ended_at{};      // when a poll first saw the job ended

    bool submitted() const noexcept { return !slurm_id.empty(); }
    bool ended() const noexcept { return state == "REFUSED" || state == "UNKNOWN" || detail::slurm_state_final(state); }
    bool success() const noexcept { return state == "COMPLETED" && status && status->success(); }
};

// A job the plugin did not accept, and why.
struct slurm_rejection {
    std::string job{};
    std::string reason{};
};

namespace detail {

// Why the partition cannot run the request, or nothing if it can: the checks Slurm itself makes
// at submission, plus the partition limits that, unenforced (EnforcePartLimits=NO), would leave
// the job pending for ever.
inline std::optional<std::string> slurm_misfit(const slurm_partition& p, const slurm_request& r) {
    const std::string where = "partition " + p.name;
    if (p.state != "UP") return where + " is " + (p.state.empty() ? std::string("not up") : p.state);
    if (r.nodes > p.total_nodes)
        return "asks for " + std::to_string(r.nodes) + " nodes; " + where + " has " + std::to_string(p.total_nodes);
    if (p.max_nodes && r.nodes > *p.max_nodes)
        return "asks for " + std::to_string(r.nodes) + " nodes; " + where + " allows " + std::to_string(*p.max_nodes) +
               " per job";
    if (r.time_limit && p.max_time && *r.time_limit > *p.max_time)
        return "asks for a time limit of " + slurm_time(*r.time_limit) + "; " + where + " allows " +
               slurm_time(*p.max_time);
    // The request's nodes are the partition's largest; each must hold whole tasks.
    std::vector<std::uint32_t> cpus;
    std::vector<std::uint64_t> memory;
    for (const auto& node : p.nodes) {
        cpus.push_back(p.max_cpus_per_node ? std::min(node.cpus, *p.max_cpus_per_node) : node.cpus);
        memory.push_back(p.max_memory_per_node ? std::min(node.memory, *p.max_memory_per_node) : node.memory);
    }
    std::sort(cpus.rbegin(), cpus.rend());
    std::sort(memory.rbegin(), memory.rend());
    const std::size_t used = std::min<std::size_t>(r.nodes, cpus.size());
    std::uint64_t tasks_fit = 0, cpus_there = 0;
    for (std::size_t i = 0; i < used; ++i) {
        tasks_fit += cpus[i] / std::max(1u, r.cpus_per_task);
        cpus_there += cpus[i];
    }
    if (!cpus.empty() && std::uint64_t(r.tasks) > tasks_fit)
        return "asks for " + std::to_string(std::uint64_t(r.tasks) * r.cpus_per_task) + " CPUs (" +
               std::to_string(r.tasks) + " tasks of " + std::to_string(r.cpus_per_task) + ") on " +
               std::to_string(r.nodes) + (r.nodes == 1 ? " node" : " nodes") + "; " + where + " has " +
               std::to_string(cpus_there) + " CPUs on its " +
               (used == 1 ? std::string("largest node") : "largest " + std::to_string(used) + " nodes");
    if (r.memory && !memory.empty() && *r.memory > memory[used - 1])
        return "asks for " + describe_bytes(*r.memory) + " of memory per node; " + where + " has " +
               (used == 1 ? describe_bytes(memory[0]) + " on its largest node"
                          : describe_bytes(memory[used - 1]) + " on its " + std::to_string(used) + " largest nodes");
    return std::nullopt;
}

}  // namespace detail

// Places jobs on a Slurm cluster. Not thread-safe: one thread drives a plugin object.
class slurm_plugin {
public:
    static constexpr std::string_view name = "slurm";
    static constexpr std::string_view version = "1.0.0";
    using params_type = slurm_params;
    using observer = std::function<void(const slurm_result&)>;

    // A floor on poll_interval, so that 0 cannot turn wait() into a busy loop against slurmctld.
    static constexpr std::chrono::milliseconds min_poll_interval{10};

    explicit slurm_plugin(const slurm_params& params) : params_(params) {
        params_.poll_interval = std::max(params_.poll_interval, min_poll_interval);
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(params_.output_dir, ec);
        if (!ec) params_.output_dir = absolute;  // Slurm reads relative paths from the job's directory
        if (params_.working_directory) {
            const auto directory = std::filesystem::absolute(*params_.working_directory, ec);
            if (!ec) params_.working_directory = directory;
        }
        if (params_.slurm_conf) {
            const auto conf = std::filesystem::absolute(*params_.slurm_conf, ec);
            env_.set["SLURM_CONF"] = (ec ? *params_.slurm_conf : conf).string();
        }
    }

    // Slurm answers, the partition exists and is up, and the output directory can be created.
    verdict validate() const {
        std::error_code ec;
        std::filesystem::create_directories(params_.output_dir, ec);
        if (ec)
            return verdict::failure("cannot create output_dir " + params_.output_dir.string() + ": " + ec.message());
        // Slurm's commands wait a minute for a configuration file that does not exist.
        const auto conf_set = env_.set.find("SLURM_CONF");
        const char* conf_env = std::getenv("SLURM_CONF");
        const std::string conf = conf_set != env_.set.end() ? conf_set->second : conf_env ? conf_env : "";
        if (!conf.empty() && !std::filesystem::exists(conf, ec))
            return verdict::failure("the Slurm configuration " + conf + " does not exist" +
                                    (conf_set != env_.set.end() ? " (slurm_conf)" : " (SLURM_CONF)"));
        try {
            const slurm_partition& p = partition();
            if (p.state != "UP") return verdict::failure("partition " + p.name + " is " + p.state);
        } catch (const error& e) {
            return verdict::failure(e.what());
        }
        return verdict::success();
    }

    // Accepts a job the partition can run. It reads the job through orchard::job_traits: its
    // command, nodes and tasks (a job type without them does not compile; 0 means the plugin's
    // default), and, when the job type gives them, its id, cpus_per_task, time_limit and memory per
    // node. A refusal's reason is in rejected(). Throws slurm_error when Slurm cannot be asked about
    // the partition.
    template <class Job>
    bool schedule(const Job& job) {
        using fields = job_fields<Job>;
        using traits = job_traits<Job>;
        using lacks_command [[maybe_unused]] =
            detail::reported<!fields::command, detail::job_lacks_field<"slurm", "command", Job>>;
        using lacks_nodes [[maybe_unused]] =
            detail::reported<!fields::nodes, detail::job_lacks_field<"slurm", "nodes", Job>>;
        using lacks_tasks [[maybe_unused]] =
            detail::reported<!fields::tasks, detail::job_lacks_field<"slurm", "tasks", Job>>;
        if constexpr (!(fields::command && fields::nodes && fields::tasks)) {
            return false;
        } else {
            slurm_request r{traits::command(job),  params_.nodes,      params_.tasks,
                            params_.cpus_per_task, params_.time_limit, std::nullopt};
            if (params_.memory) r.memory = params_.memory->bytes;
            if (const auto n = traits::nodes(job); n > 0) r.nodes = n;
            if (const auto t = traits::tasks(job); t > 0) r.tasks = t;
            if constexpr (fields::cpus_per_task)
                if (const auto c = traits::cpus_per_task(job); c > 0) r.cpus_per_task = c;
            if constexpr (fields::time_limit)
                if (const auto t = traits::time_limit(job)) r.time_limit = t;
            if constexpr (fields::memory)
                if (const auto m = traits::memory(job)) r.memory = m->bytes;
            return consider(std::move(r), detail::job_id_or(job, results_.size() + rejected_.size()));
        }
    }

    // Submits every accepted job, then polls Slurm until all have ended.
    void run() {
        submit();
        wait();
    }

    // Submits every accepted job not yet submitted, one sbatch each. A job sbatch refuses ends
    // as REFUSED with sbatch's message in `error`.
    void submit() {
        std::error_code ec;
        std::filesystem::create_directories(params_.output_dir, ec);
        for (std::size_t i = 0; i < results_.size(); ++i) {
            slurm_result& result = results_[i];
            if (result.state != "ACCEPTED") continue;
            try {
                if (ec)
                    throw slurm_error("cannot create output_dir " + params_.output_dir.string() + ": " + ec.message());
                write_script(i);
                const process::run_result sbatch = run_command(params_.commands.sbatch, sbatch_arguments(i));
                const auto id = detail::parse_sbatch_id(sbatch.std_out);
                if (sbatch.status.success() && id) {
                    result.slurm_id = *id;
                    result.state = "PENDING";
                    result.submitted_at = slurm_result::clock::now();
                } else {
                    refuse(result, "sbatch " + to_string(sbatch.status) + ": " +
                                       detail::slurm_message(sbatch.std_err, sbatch.std_out));
                }
            } catch (const error& e) {
                refuse(result, e.what());
            }
            notify(i);
        }
    }

    // One squeue call for every job still on its way; returns how many still are. Jobs squeue no
    // longer lists are asked of sacct in one call. Throws slurm_error after max_failed_polls
    // failures in a row.
    std::size_t poll() {
        std::vector<std::size_t> active;
        std::string ids;
        for (std::size_t i = 0; i < results_.size(); ++i)
            if (results_[i].submitted() && !results_[i].ended()) {
                active.push_back(i);
                ids += (ids.empty() ? "" : ",") + results_[i].slurm_id;
            }
        if (active.empty()) return 0;

        // --user makes slurmctld send only this user's jobs (squeue filters --jobs itself): on a
        // shared cluster, a fraction of what every job's record would be.
        const process::run_result squeue =
            run_command(params_.commands.squeue, {"--noheader", "--states=all", "--user=" + std::to_string(::getuid()),
                                                  "--jobs=" + ids, "--Format=JobID:|,State:|,exit_code:|,Reason:|"});
        const std::string message = detail::slurm_message(squeue.std_err, squeue.std_out);
        // squeue fails the whole call when it knows none of the ids: then none is listed.
        const bool none_known = message.find("Invalid job id") != std::string::npos;
        if (!squeue.status.success() && !none_known) {
            if (++failed_polls_ >= params_.max_failed_polls)
                throw slurm_error("squeue failed " + std::to_string(failed_polls_) + " times in a row: " + message);
            return active.size();
        }
        failed_polls_ = 0;

        std::map<std::string, detail::slurm_job_line, std::less<>> listed;
        if (!none_known)
            for (auto& line : detail::parse_squeue(squeue.std_out)) listed[line.id] = std::move(line);
        std::vector<std::size_t> changed, forgotten, hopeless;
        for (std::size_t i : active) {
            slurm_result& result = results_[i];
            const auto it = listed.find(result.slurm_id);
            if (it == listed.end()) {
                forgotten.push_back(i);
                continue;
            }
            if (update(i, it->second)) changed.push_back(i);
            if (result.state == "PENDING" && !cancel_sent_[i] &&
                std::find(params_.cancel_reasons.begin(), params_.cancel_reasons.end(), result.reason) !=
                    params_.cancel_reasons.end())
                hopeless.push_back(i);
        }
        if (!forgotten.empty()) ask_accounting(forgotten, changed);
        if (!hopeless.empty()) {
            std::vector<std::string> hopeless_ids;
            for (std::size_t i : hopeless) hopeless_ids.push_back(results_[i].slurm_id);
            // A failed scancel is tried again at the next poll.
            try {
                scancel(hopeless_ids, {});
                for (std::size_t i : hopeless) {
                    results_[i].error =
                        "Slurm would never start it (pending for " + results_[i].reason + "), so it was cancelled";
                    cancel_sent_[i] = true;
                }
            } catch (const slurm_error&) {}
        }
        for (std::size_t i : changed) notify(i);
        return static_cast<std::size_t>(
            std::count_if(active.begin(), active.end(), [&](std::size_t i) { return !results_[i].ended(); }));
    }

    // Polls every poll_interval until no submitted job is still on its way. Slurm's commands
    // cannot notify: polling is how its CLI is meant to be watched.
    void wait() {
        while (poll() > 0) std::this_thread::sleep_for(params_.poll_interval);
    }

    // Cancels a job by its id: one not yet submitted ends as CANCELLED at once, one in Slurm is
    // scancel'ed and its end seen by a later poll. False if there is no such job still on its way.
    bool cancel(std::string_view job) {
        for (std::size_t i = 0; i < results_.size(); ++i) {
            slurm_result& result = results_[i];
            if (result.job != job || result.ended()) continue;
            if (!result.submitted()) {
                withdraw(i);
                return true;
            }
            scancel({result.slurm_id}, {});
            cancel_sent_[i] = true;
            return true;
        }
        return false;
    }

    // Scales the burst back: jobs that have not started are withdrawn (those in Slurm with
    // `scancel --state=PENDING`, atomically), running ones finish.
    void unburst() {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < results_.size(); ++i) {
            if (results_[i].ended()) continue;
            if (!results_[i].submitted()) withdraw(i);
            else if (results_[i].state == "PENDING") ids.push_back(results_[i].slurm_id);
        }
        if (!ids.empty()) scancel(ids, "--state=PENDING");
    }

    // Cancels everything still pending or running, in one scancel call.
    void cleanup() {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < results_.size(); ++i) {
            if (results_[i].ended()) continue;
            if (!results_[i].submitted()) withdraw(i);
            else {
                ids.push_back(results_[i].slurm_id);
                cancel_sent_[i] = true;
            }
        }
        if (!ids.empty()) scancel(ids, {});
    }

    // Called with a job's result whenever it changes: submitted, refused, a new state or reason,
    // ended. It may call cancel().
    void on_change(observer f) { observer_ = std::move(f); }

    // The partition jobs go to, read from Slurm on first use. Throws slurm_error.
    const slurm_partition& partition() const {
        if (!partition_) partition_ = load_partition();
        return *partition_;
    }

    const slurm_params& params() const noexcept { return params_; }
    const std::vector<slurm_result>& results() const noexcept { return results_; }
    const std::vector<slurm_rejection>& rejected() const noexcept { return rejected_; }
    // The result of the job with this id, or nullptr.
    const slurm_result* result(std::string_view job) const noexcept {
        for (const auto& r : results_)
            if (r.job == job) return &r;
        return nullptr;
    }
    // Submitted jobs not yet seen to end.
    std::size_t active() const noexcept {
        return static_cast<std::size_t>(std::count_if(
            results_.begin(), results_.end(), [](const slurm_result& r) { return r.submitted() && !r.ended(); }));
    }

private:
    // Accepts a request the partition can run, or records why not.
    bool consider(slurm_request r, std::string id) {
        auto why = detail::unscriptable(r.command);
        if (!why) why = detail::slurm_misfit(partition(), r);
        if (why) {
            rejected_.push_back({std::move(id), std::move(*why)});
            return false;
        }
        slurm_result& result = results_.emplace_back();
        result.job = std::move(id);
        const std::string file = unique_file_name(result.job);
        result.std_out = params_.output_dir / (file + ".out");
        result.std_err = params_.output_dir / (file + ".err");
        result.script = params_.output_dir / (file + ".sbatch");
        requests_.push_back(std::move(r));
        cancel_sent_.push_back(false);
        return true;
    }

    process::run_result run_command(const std::string& program, std::vector<std::string> args) const {
        return process::run({.program = program, .args = std::move(args), .env = env_});
    }

    std::vector<std::string> sbatch_arguments(std::size_t i) const {
        const slurm_request& r = requests_[i];
        const slurm_result& result = results_[i];
        std::vector<std::string> args{"--parsable",
                                      "--job-name=" + result.job,
                                      "--output=" + detail::slurm_path_pattern(result.std_out.string()),
                                      "--error=" + detail::slurm_path_pattern(result.std_err.string()),
                                      "--partition=" + partition().name,
                                      "--nodes=" + std::to_string(r.nodes),
                                      "--ntasks=" + std::to_string(r.tasks),
                                      "--cpus-per-task=" + std::to_string(r.cpus_per_task)};
        if (!params_.account.empty()) args.push_back("--account=" + params_.account);
        if (r.time_limit) args.push_back("--time=" + detail::slurm_time(*r.time_limit));
        if (r.memory) args.push_back("--mem=" + detail::slurm_memory(*r.memory));
        if (params_.working_directory) args.push_back("--chdir=" + params_.working_directory->string());
        args.insert(args.end(), params_.sbatch_options.begin(), params_.sbatch_options.end());
        args.push_back(result.script.string());
        return args;
    }

    void write_script(std::size_t i) const {
        const slurm_result& result = results_[i];
        const std::string text = detail::batch_script(
            "job " + result.job + ", written by orchard's slurm burst plugin", requests_[i].command,
            params_.launch == slurm_launch::srun ? params_.commands.srun : std::string_view{});
        errno = 0;
        std::ofstream out(result.script, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
            throw slurm_error("cannot write the batch script " + result.script.string() +
                              (errno ? ": " + std::generic_category().message(errno) : std::string()));
    }

    // One scancel for several jobs; Slurm's message if it fails.
    void scancel(const std::vector<std::string>& ids, std::string_view option) {
        std::vector<std::string> args;
        if (!option.empty()) args.emplace_back(option);
        args.insert(args.end(), ids.begin(), ids.end());
        const process::run_result r = run_command(params_.commands.scancel, std::move(args));
        if (!r.status.success())
            throw slurm_error("scancel " + to_string(r.status) + ": " + detail::slurm_message(r.std_err, r.std_out));
    }

    // Updates a result from squeue's or sacct's line; true if anything changed.
    bool update(std::size_t i, const detail::slurm_job_line& line) {
        slurm_result& result = results_[i];
        if (line.state.empty() || (line.state == result.state && line.reason == result.reason)) return false;
        result.state = line.state;
        result.reason = line.reason;
        if (result.ended()) {
            result.status = line.status;
            result.ended_at = slurm_result::clock::now();
        }
        return true;
    }

    // Jobs squeue no longer lists: slurmctld purged them (MinJobAge) before a poll saw them end.
    // Only accounting can say how they ended; a job it reports still running is asked about again.
    void ask_accounting(const std::vector<std::size_t>& forgotten, std::vector<std::size_t>& changed) {
        std::string ids;
        for (std::size_t i : forgotten) ids += (ids.empty() ? "" : ",") + results_[i].slurm_id;
        std::map<std::string, detail::slurm_job_line, std::less<>> known;
        std::string why;
        try {
            const process::run_result sacct =
                run_command(params_.commands.sacct, {"--noheader", "--parsable2", "--allocations", "--jobs=" + ids,
                                                     "--format=JobID,State,ExitCode,Reason"});
            if (sacct.status.success())
                for (auto& line : detail::parse_sacct(sacct.std_out)) known[line.id] = std::move(line);
            else why = "sacct " + to_string(sacct.status) + ": " + detail::slurm_message(sacct.std_err, sacct.std_out);
        } catch (const error& e) {
            why = e.what();
        }
        for (std::size_t i : forgotten) {
            slurm_result& result = results_[i];
            if (const auto it = known.find(result.slurm_id); it != known.end()) {
                if (update(i, it->second)) changed.push_back(i);
                continue;
            }
            result.state = "UNKNOWN";
            result.error = "Slurm no longer lists job " + result.slurm_id +
                           " and accounting cannot say how it ended (" +
                           (why.empty() ? std::string("sacct does not know it") : why) +
                           "); without accounting, keep MinJobAge well above the poll interval";
            result.ended_at = slurm_result::clock::now();
            changed.push_back(i);
        }
    }

    void refuse(slurm_result& result, std::string why) {
        result.state = "REFUSED";
        result.error = std::move(why);
        result.ended_at = slurm_result::clock::now();
    }

    void withdraw(std::size_t i) {
        results_[i].state = "CANCELLED";
        results_[i].error = "cancelled before it was submitted";
        results_[i].ended_at = slurm_result::clock::now();
        notify(i);
    }

    void notify(std::size_t i) {
        if (observer_) observer_(results_[i]);
    }

    std::string unique_file_name(std::string_view id) {
        const std::string base = detail::slurm_file_name(id);
        std::string file = base;
        for (int n = 2; std::find(file_names_.begin(), file_names_.end(), file) != file_names_.end(); ++n)
            file = base + "-" + std::to_string(n);
        file_names_.push_back(file);
        return file;
    }

    slurm_partition load_partition() const {
        std::vector<std::string> args{"--oneliner", "show", "partition"};
        if (!params_.partition.empty()) args.push_back(params_.partition);
        const process::run_result shown = run_command(params_.commands.scontrol, args);
        if (!shown.status.success())
            throw slurm_error("scontrol show partition " + params_.partition + ": " +
                              detail::slurm_message(shown.std_err, shown.std_out));
        const auto records = detail::parse_scontrol_records(shown.std_out);
        const std::map<std::string, std::string, std::less<>>* found = nullptr;
        std::string names;
        for (const auto& record : records) {
            const auto name_it = record.find("PartitionName");
            if (name_it == record.end()) continue;
            names += (names.empty() ? "" : ", ") + name_it->second;
            const auto default_it = record.find("Default");
            if (params_.partition.empty() ? (default_it != record.end() && default_it->second == "YES")
                                          : name_it->second == params_.partition)
                found = &record;
        }
        if (!found)
            throw slurm_error(params_.partition.empty()
                                  ? "no partition was given and the cluster has no default one (partitions: " + names +
                                        ")"
                                  : "Slurm has no partition " + params_.partition + " (partitions: " + names + ")");
        const auto field = [&](std::string_view key) {
            const auto it = found->find(key);
            return it == found->end() ? std::string() : it->second;
        };
        slurm_partition p;
        p.name = field("PartitionName");
        p.state = field("State");
        p.total_nodes = detail::parse_unsigned<std::uint32_t>(field("TotalNodes")).value_or(0);
        p.total_cpus = detail::parse_unsigned<std::uint32_t>(field("TotalCPUs")).value_or(0);
        if (!detail::slurm_unlimited(field("MaxNodes")))
            p.max_nodes = detail::parse_unsigned<std::uint32_t>(field("MaxNodes"));
        if (!detail::slurm_unlimited(field("MaxCPUsPerNode")))
            p.max_cpus_per_node = detail::parse_unsigned<std::uint32_t>(field("MaxCPUsPerNode"));
        if (!detail::slurm_unlimited(field("MaxMemPerNode")))
            p.max_memory_per_node = detail::parse_slurm_memory_mib(field("MaxMemPerNode"));
        p.max_time = detail::parse_slurm_time(field("MaxTime"));

        const process::run_result nodes = run_command(
            params_.commands.sinfo, {"--noheader", "--Node", "--partition=" + p.name, "--format=%N|%c|%m|%T"});
        if (!nodes.status.success())
            throw slurm_error("sinfo --partition=" + p.name + ": " +
                              detail::slurm_message(nodes.std_err, nodes.std_out));
        for (std::string_view text : detail::output_lines(nodes.std_out)) {
            const auto line = detail::bar_fields(text);
            if (line.size() < 4) continue;
            slurm_node node{std::string(line[0]), detail::parse_unsigned<std::uint32_t>(line[1]).value_or(0),
                            detail::parse_slurm_memory_mib(line[2]).value_or(0), std::string(line[3])};
            // sinfo lists a node once per partition it is in; this asked for one partition.
            if (std::none_of(p.nodes.begin(), p.nodes.end(), [&](const slurm_node& n) { return n.name == node.name; }))
                p.nodes.push_back(std::move(node));
        }
        return p;
    }

    slurm_params params_;
    process::environment env_{};
    mutable std::optional<slurm_partition> partition_;
    std::vector<slurm_result> results_;
    std::vector<slurm_request> requests_;  // parallel to results_
    std::vector<bool> cancel_sent_;        // parallel to results_: scancel'ed by the plugin
    std::vector<slurm_rejection> rejected_;
    std::vector<std::string> file_names_;
    std::uint32_t failed_polls_ = 0;
    observer observer_;
};

}  // namespace orchard
