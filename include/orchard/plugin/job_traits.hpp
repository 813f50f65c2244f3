// orchard::job_traits<Job>: what plugins read from a job (id, command, nodes, tasks, CPUs, memory,
// time limit), found by member name, or given by a specialisation for a job type named otherwise.
#pragma once

#include <orchard/detail/diagnostics.hpp>
#include <orchard/detail/fixed_string.hpp>
#include <orchard/params/byte_size.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace orchard {
namespace detail {

template <class T>
inline constexpr bool is_chrono_duration = false;
template <class Rep, class Period>
inline constexpr bool is_chrono_duration<std::chrono::duration<Rep, Period>> = true;

template <class T>
inline constexpr bool is_optional_of_duration = false;
template <class T>
inline constexpr bool is_optional_of_duration<std::optional<T>> = is_chrono_duration<T>;

template <class T>
std::optional<std::chrono::seconds> seconds_of(const T& value) {
    if constexpr (is_chrono_duration<T>) {
        if (value <= T::zero()) return std::nullopt;
        return std::chrono::ceil<std::chrono::seconds>(value);
    } else {
        if (!value) return std::nullopt;
        return seconds_of(*value);
    }
}

template <class T>
std::optional<byte_size> size_of(const T& value) {
    if constexpr (std::is_same_v<T, byte_size>) return value;
    else return value ? std::optional<byte_size>(*value) : std::nullopt;
}

template <class T>
concept integral_count = std::is_integral_v<std::remove_cvref_t<T>> && !std::is_same_v<std::remove_cvref_t<T>, bool>;
template <class T>
concept size_field = std::is_same_v<std::remove_cvref_t<T>, byte_size> ||
                     std::is_same_v<std::remove_cvref_t<T>, std::optional<byte_size>>;
template <class T>
concept time_field = is_chrono_duration<std::remove_cvref_t<T>> || is_optional_of_duration<std::remove_cvref_t<T>>;

}  // namespace detail

// The primary template reads members by name: `id` (a string, or a number), `command` (a
// std::vector<std::string> of program and arguments), `nodes`, `tasks`, `cpus_per_task` (integers, 0
// for "the plugin's default"), `memory` (an orchard::byte_size per node, or an optional of one),
// `time_limit` (a std::chrono::duration, or an optional of one). Each accessor exists only when the
// member does. For a job type named otherwise, specialise it with any of:
//   static std::string id(const Job&);
//   static std::vector<std::string> command(const Job&);
//   static std::uint32_t nodes(const Job&);          tasks, cpus_per_task alike
//   static std::optional<byte_size> memory(const Job&);
//   static std::optional<std::chrono::seconds> time_limit(const Job&);
// A plugin that needs one the job type lacks fails to compile, naming itself and the field.
template <class Job>
struct job_traits {
    static std::string id(const Job& j)
        requires requires { std::string(j.id); } || requires { std::to_string(j.id); }
    {
        if constexpr (requires { std::string(j.id); }) return std::string(j.id);
        else return std::to_string(j.id);
    }
    static std::vector<std::string> command(const Job& j)
        requires requires { std::vector<std::string>(j.command); }
    {
        return std::vector<std::string>(j.command);
    }
    static std::uint32_t nodes(const Job& j)
        requires requires {
            { j.nodes } -> detail::integral_count;
        }
    {
        return j.nodes > 0 ? static_cast<std::uint32_t>(j.nodes) : 0;
    }
    static std::uint32_t tasks(const Job& j)
        requires requires {
            { j.tasks } -> detail::integral_count;
        }
    {
        return j.tasks > 0 ? static_cast<std::uint32_t>(j.tasks) : 0;
    }
    static std::uint32_t cpus_per_task(const Job& j)
        requires requires {
            { j.cpus_per_task } -> detail::integral_count;
        }
    {
        return j.cpus_per_task > 0 ? static_cast<std::uint32_t>(j.cpus_per_task) : 0;
    }
    static std::optional<byte_size> memory(const Job& j)
        requires requires {
            { j.memory } -> detail::size_field;
        }
    {
        return detail::size_of(j.memory);
    }
    static std::optional<std::chrono::seconds> time_limit(const Job& j)
        requires requires {
            { j.time_limit } -> detail::time_field;
        }
    {
        return detail::seconds_of(j.time_limit);
    }
};

// Which fields job_traits<Job> gives.
template <class Job>
struct job_fields {
    static constexpr bool id = requires(const Job& j) {
        { job_traits<Job>::id(j) } -> std::convertible_to<std::string>;
    };
    static constexpr bool command = requires(const Job& j) {
        { job_traits<Job>::command(j) } -> std::convertible_to<std::vector<std::string>>;
    };
    static constexpr bool nodes = requires(const Job& j) {
        { job_traits<Job>::nodes(j) } -> std::convertible_to<std::uint32_t>;
    };
    static constexpr bool tasks = requires(const Job& j) {
        { job_traits<Job>::tasks(j) } -> std::convertible_to<std::uint32_t>;
    };
    static constexpr bool cpus_per_task = requires(const Job& j) {
        { job_traits<Job>::cpus_per_task(j) } -> std::convertible_to<std::uint32_t>;
    };
    static constexpr bool memory = requires(const Job& j) {
        { job_traits<Job>::memory(j) } -> std::convertible_to<std::optional<byte_size>>;
    };
    static constexpr bool time_limit = requires(const Job& j) {
        { job_traits<Job>::time_limit(j) } -> std::convertible_to<std::optional<std::chrono::seconds>>;
    };
};

namespace detail {

// Instantiated only to fail; the plugin, the field and the job type are its template arguments.
template <fixed_string Plugin, fixed_string Field, class Job>
struct job_lacks_field {
    static_assert(always_false<Job>,
                  "orchard: a plugin needs a field of the job that the job type does not give: the plugin and the "
                  "field are the first two template arguments of orchard::detail::job_lacks_field in this error, "
                  "the job type the last. Add a member of that name, or give the field in a specialisation of "
                  "orchard::job_traits<Job> (a member named otherwise, num_nodes say, is not guessed)");
};

// The id of a job for messages and files: job_traits' id, or its position.
template <class Job>
std::string job_id_or(const Job& job, std::size_t position) {
    if constexpr (job_fields<Job>::id) return job_traits<Job>::id(job);
    else return std::to_string(position);
}

}  // namespace detail
}  // namespace orchard
