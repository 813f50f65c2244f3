// Text in and out of Slurm's commands for the slurm burst plugin: batch scripts with shell-quoted
// arguments, sbatch option values, and the output of sbatch, squeue, sacct, scontrol and sinfo.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/duration.hpp>
#include <orchard/params/shell_words.hpp>
#include <orchard/params/value_traits.hpp>
#include <orchard/process/exit_status.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orchard::detail {

// Why a command cannot be written into a batch script, or nothing if it can.
inline std::optional<std::string> unscriptable(const std::vector<std::string>& command) {
    if (command.empty()) return "the job has no command";
    if (command.front().empty()) return "the job's program name is empty";
    // `exec -x` is an option to bash's exec, and dash's exec takes no `--`.
    if (command.front().front() == '-') return "the job's program name starts with '-'";
    for (const auto& word : command)
        if (word.find('\0') != std::string::npos) return "an argument of the job contains a NUL byte";
    return std::nullopt;
}

// The batch script sbatch runs: the shell replaces itself with the job's command (through srun
// when given, which starts one copy per task), every word quoted, so nothing in the job's
// arguments is ever interpreted by the shell on the node.
inline std::string batch_script(std::string_view title, const std::vector<std::string>& command,
                                std::string_view srun = {}) {
    std::string script = "#!/bin/sh\n# ";
    for (char c : title) script += (c == '\n' || c == '\r') ? ' ' : c;
    script += "\nexec";
    if (!srun.empty()) script += ' ' + shell_quote(srun);
    for (const auto& word : command) script += ' ' + shell_quote(word);
    script += '\n';
    return script;
}

// A job id as a file name: nothing that could leave the output directory, hide the file, or be
// read by Slurm as a filename pattern (%j...).
inline std::string slurm_file_name(std::string_view id) {
    std::string out;
    for (char c : id) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.';
        out += keep ? c : '_';
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
    return out;
}

// sbatch reads %j, %x... in --output and --error as patterns; %% is a literal %.
inline std::string slurm_path_pattern(std::string_view path) {
    std::string out;
    for (char c : path) out += c == '%' ? std::string("%%") : std::string(1, c);
    return out;
}

// --time: days-hours:minutes:seconds, which every Slurm reads (it rounds seconds up to a minute).
inline std::string slurm_time(std::chrono::seconds limit) {
    long long s = limit.count() < 0 ? 0 : static_cast<long long>(limit.count());
    const long long days = s / 86400;
    s %= 86400;
    char text[48];
    const int n = std::snprintf(text, sizeof text, "%lld-%02lld:%02lld:%02lld", days, s / 3600, s % 3600 / 60, s % 60);
    return std::string(text, static_cast<std::size_t>(n));
}

// --mem in MiB, rounded up: Slurm's unit, and exact for every size written in K, M, G or T.
inline std::string slurm_memory(std::uint64_t bytes) {
    const std::uint64_t mib = bytes / (1024 * 1024) + (bytes % (1024 * 1024) != 0);
    return std::to_string(mib) + "M";
}

// "1234" or "1234;cluster": what `sbatch --parsable` prints.
inline std::optional<std::string> parse_sbatch_id(std::string_view out) {
    out = trim(out);
    if (const auto last_line = out.rfind('\n'); last_line != out.npos) out.remove_prefix(last_line + 1);
    out = out.substr(0, out.find(';'));
    if (out.empty()) return std::nullopt;
    for (char c : out)
        if (!is_digit(c)) return std::nullopt;
    return std::string(out);
}

// A number in a command's output, read by the one integer parser (params' value_traits).
template <class Unsigned>
std::optional<Unsigned> parse_unsigned(std::string_view text) {
    Unsigned value{};
    if (!value_traits<Unsigned>::parse(text, value).ok()) return std::nullopt;
    return value;
}

// squeue's exit_code: the job's raw wait status (768 is exit code 3, 15 is SIGTERM).
inline process::exit_status slurm_wait_status(std::uint32_t raw) {
    if ((raw & 0x7f) == 0) return process::exit_status::from_code(static_cast<int>((raw >> 8) & 0xff));
    return process::exit_status::from_signal(static_cast<int>(raw & 0x7f), (raw & 0x80) != 0);
}

// sacct's ExitCode: "code:signal".
inline std::optional<process::exit_status> parse_sacct_exit(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == text.npos) return std::nullopt;
    const auto code = parse_unsigned<std::uint32_t>(text.substr(0, colon));
    const auto signal = parse_unsigned<std::uint32_t>(text.substr(colon + 1));
    if (!code || !signal) return std::nullopt;
    if (*signal != 0) return process::exit_status::from_signal(static_cast<int>(*signal));
    return process::exit_status::from_code(static_cast<int>(*code));
}

// States after which a job never runs again. Everything else (PENDING, RUNNING, COMPLETING,
// SUSPENDED, REQUEUED, CONFIGURING...) is still on its way.
inline bool slurm_state_final(std::string_view state) {
    for (std::string_view s : {"BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED", "NODE_FAIL",
                               "OUT_OF_MEMORY", "PREEMPTED", "TIMEOUT", "REVOKED"})
        if (state == s) return true;
    return false;
}

// The non-blank lines of a command's output.
inline std::vector<std::string_view> output_lines(std::string_view out) {
    std::vector<std::string_view> lines;
    while (!out.empty()) {
        const auto end = out.find('\n');
        const std::string_view line = out.substr(0, end);
        out = end == out.npos ? std::string_view{} : out.substr(end + 1);
        if (!trim(line).empty()) lines.push_back(line);
    }
    return lines;
}

// The fields of one line of `--format=%a|%b` or `--parsable2` output, trimmed.
inline std::vector<std::string_view> bar_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    for (;;) {
        const auto bar = line.find('|');
        fields.push_back(trim(line.substr(0, bar)));
        if (bar == line.npos) return fields;
        line.remove_prefix(bar + 1);
    }
}

// One job as squeue or sacct reports it.
struct slurm_job_line {
    std::string id;
    std::string state;
    std::string reason;
    std::optional<process::exit_status> status;
};

// `squeue --noheader --Format=JobID:|,State:|,exit_code:|,Reason:|`: one job a line.
inline std::vector<slurm_job_line> parse_squeue(std::string_view out) {
    std::vector<slurm_job_line> jobs;
    for (std::string_view line : output_lines(out)) {
        const auto f = bar_fields(line);
        if (f.size() < 4 || f[0].empty()) continue;
        slurm_job_line job{std::string(f[0]), std::string(f[1]), std::string(f[3]), std::nullopt};
        if (const auto raw = parse_unsigned<std::uint32_t>(f[2])) job.status = slurm_wait_status(*raw);
        jobs.push_back(std::move(job));
    }
    return jobs;
}

// `sacct --noheader --parsable2 --allocations --format=JobID,State,ExitCode,Reason`. A state
// may read "CANCELLED by 0": the first word is the state.
inline std::vector<slurm_job_line> parse_sacct(std::string_view out) {
    std::vector<slurm_job_line> jobs;
    for (std::string_view line : output_lines(out)) {
        const auto f = bar_fields(line);
        if (f.size() < 3 || f[0].empty()) continue;
        jobs.push_back({std::string(f[0]), std::string(f[1].substr(0, f[1].find(' '))),
                        f.size() > 3 ? std::string(f[3]) : std::string(), parse_sacct_exit(f[2])});
    }
    return jobs;
}

// `scontrol --oneliner show ...`: one record a line of Key=Value words. A value may itself hold
// '=' (TRES=cpu=2,mem=1G); a word without '=' continues the previous value (OS=Linux 6.1 ...).
inline std::vector<std::map<std::string, std::string, std::less<>>> parse_scontrol_records(std::string_view out) {
    std::vector<std::map<std::string, std::string, std::less<>>> records;
    while (!out.empty()) {
        const auto end = out.find('\n');
        std::string_view line = trim(out.substr(0, end));
        out = end == out.npos ? std::string_view{} : out.substr(end + 1);
        if (line.empty()) continue;
        auto& record = records.emplace_back();
        std::string* last = nullptr;
        while (!line.empty()) {
            const auto space = line.find(' ');
            const std::string_view word = line.substr(0, space);
            line = space == line.npos ? std::string_view{} : trim(line.substr(space + 1));
            if (word.empty()) continue;
            const auto equals = word.find('=');
            if (equals == word.npos || equals == 0) {
                if (last) (*last += ' ') += word;
                continue;
            }
            last = &(record[std::string(word.substr(0, equals))] = std::string(word.substr(equals + 1)));
        }
    }
    return records;
}

// A limit as scontrol prints it: UNLIMITED, INFINITE or NONE mean no limit.
inline bool slurm_unlimited(std::string_view value) {
    return value.empty() || value == "UNLIMITED" || value == "INFINITE" || value == "NONE" || value == "N/A";
}

// A time as scontrol prints it: "D-HH:MM:SS", "HH:MM:SS", "MM:SS", or a bare number of minutes.
inline std::optional<std::chrono::seconds> parse_slurm_time(std::string_view text) {
    text = trim(text);
    if (slurm_unlimited(text)) return std::nullopt;
    if (const auto minutes = parse_unsigned<std::uint64_t>(text))
        return std::chrono::seconds(static_cast<std::chrono::seconds::rep>(*minutes * 60));
    std::chrono::seconds value{};
    if (!value_traits<std::chrono::seconds>::parse(text, value).ok()) return std::nullopt;
    return value;
}

// "24151" or "24151M" (MiB) as sinfo and scontrol print memory, in bytes.
inline std::optional<std::uint64_t> parse_slurm_memory_mib(std::string_view text) {
    text = trim(text);
    if (!text.empty() && (text.back() == 'M' || text.back() == '+')) text.remove_suffix(1);
    const auto mib = parse_unsigned<std::uint64_t>(text);
    if (!mib) return std::nullopt;
    return *mib * 1024 * 1024;
}

// What a Slurm command said: its error output, else its standard output, on one line per message.
inline std::string slurm_message(std::string_view std_err, std::string_view std_out) {
    std::string_view text = trim(std_err).empty() ? trim(std_out) : trim(std_err);
    std::string out;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text = end == text.npos ? std::string_view{} : text.substr(end + 1);
        if (line.empty()) continue;
        if (!out.empty()) out += "; ";
        out += line;
    }
    return out;
}

// "512M", "23.6G", "1T": a size in bytes for messages.
inline std::string describe_bytes(std::uint64_t bytes) {
    constexpr std::uint64_t mib = std::uint64_t(1) << 20;
    if (bytes < (mib << 10)) return std::to_string(bytes / mib + (bytes % mib != 0)) + "M";
    const char* unit = "G";
    std::uint64_t scale = mib << 10;
    if (bytes >= (scale << 10)) {
        unit = "T";
        scale <<= 10;
    }
    if (bytes % scale == 0) return std::to_string(bytes / scale) + unit;
    char text[32];
    const int n =
        std::snprintf(text, sizeof text, "%.1f%s", static_cast<double>(bytes) / static_cast<double>(scale), unit);
    return std::string(text, static_cast<std::size_t>(n));
}

}  // namespace orchard::detail
