// Test helpers for the manager: gates that hold actions until released, and a recorder of events.
#pragma once

#include <orchard/manage.hpp>

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orchard::test {

// Opened once, waited on by any number of threads.
class gate {
public:
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
};

// Everything the hooks saw, in order, and a way to wait for a number of events.
class recorder {
public:
    void add(std::string event) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
        changed_.notify_all();
    }
    void wait_for_count(std::size_t n) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return events_.size() >= n; });
    }
    void wait_for(const std::string& event) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
            for (const auto& e : events_)
                if (e == event) return true;
            return false;
        });
    }
    std::vector<std::string> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }
    std::vector<std::string> starting_with(const std::string& prefix) const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& e : events_)
            if (e.rfind(prefix, 0) == 0) out.push_back(e);
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> events_;
};

struct job {
    std::string id;
    int priority = 0;
    bool blocks = false;  // wait for the hooks' gate before returning
    bool ready = true;    // what can_start says
    int code = 0;
};

// Hooks that record on_start, run and on_finish, and hold blocking jobs at a gate.
struct recording_hooks {
    recorder* events;
    gate* held;  // what blocking jobs wait for (not `release`: that name is a hook)
    bool refuse_all = false;

    bool on_start(const job& j) {
        events->add("start " + j.id);
        return !refuse_all;
    }
    int run(job& j, petition_context& context) {
        events->add("run " + j.id);
        context.line("output of " + j.id);
        if (j.blocks) held->wait();
        return j.code;
    }
    bool can_start(const job& j, const manager_view&) const { return j.ready; }
    void on_finish(const job& j, const outcome& o) {
        events->add("finish " + j.id + " " + std::string(to_string(o.state)) +
                    (o.exit_code ? " " + std::to_string(*o.exit_code) : std::string()) +
                    (o.reason.empty() ? std::string() : " (" + o.reason + ")"));
    }
};

}  // namespace orchard::test
