// systemd_watchdog: the one owner of a service's sd_notify messages: READY when it serves, STATUS
// and WATCHDOG while the manager answers, STOPPING when it stops.
#pragma once

#include <orchard/manage/policies.hpp>
#include <orchard/manage/sd_notify.hpp>
#include <orchard/params/schema.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace orchard {

struct watchdog_params {
    bool notify_systemd = true;                                           // speak sd_notify when $NOTIFY_SOCKET is set
    std::chrono::milliseconds status_interval = std::chrono::seconds(5);  // STATUS= when systemd asks for no watchdog

    static constexpr field_help help[] = {
        {"notify_systemd", "Send READY/STATUS/WATCHDOG/STOPPING to $NOTIFY_SOCKET when set"},
        {"status_interval", "How often STATUS= is sent when systemd asks for no watchdog"},
    };
};

// "3 queued, 1 running, 4 workers"
inline std::string status_text(const manager_view& v) {
    return std::to_string(v.queued) + " queued, " + std::to_string(v.running) + " running, " +
           std::to_string(v.workers) + " workers";
}

// Pings systemd (every half of $WATCHDOG_USEC, or status_interval) only after the manager's
// heartbeat() answered: it takes the manager's lock, so a deadlock or a hook or limit stuck under it
// stops the pings and systemd restarts the service. It never calls user code. Without
// $NOTIFY_SOCKET (or with notify_systemd false) it does nothing.
template <class Manager>
class systemd_watchdog {
public:
    explicit systemd_watchdog(Manager& manager, watchdog_params params = {})
        : manager_(manager), params_(std::move(params)) {
        if (!params_.notify_systemd) return;
        notifier_ = sd_notifier::from_environment();
        if (!notifier_.enabled()) return;
        interval_ = sd_notifier::watchdog_interval();
        thread_ = std::thread([this] { ping_periodically(); });
    }

    systemd_watchdog(const systemd_watchdog&) = delete;
    systemd_watchdog& operator=(const systemd_watchdog&) = delete;

    // Sends STOPPING=1 if READY=1 was sent and stopping() was not, then stops pinging.
    ~systemd_watchdog() {
        if (ready_ && !stopping_) stopping();
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

    bool enabled() const noexcept { return notifier_.enabled(); }

    // The service serves now (systemd's Type=notify considers it started): READY=1 with the status.
    void ready() {
        if (!enabled() || ready_) return;
        ready_ = true;
        notifier_.notify("READY=1\nSTATUS=" + status_text(manager_.heartbeat()));
    }

    // The service is stopping: STOPPING=1.
    void stopping() {
        if (!enabled() || stopping_) return;
        stopping_ = true;
        notifier_.notify("STOPPING=1");
    }

private:
    void ping_periodically() {
        const auto interval =
            interval_ ? std::chrono::duration_cast<std::chrono::milliseconds>(*interval_ / 2) : params_.status_interval;
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, interval, [&] { return stop_; })) {
            lock.unlock();
            const std::string status = status_text(manager_.heartbeat());
            notifier_.notify(std::string(interval_ ? "WATCHDOG=1\n" : "") + "STATUS=" + status);
            lock.lock();
        }
    }

    Manager& manager_;
    watchdog_params params_;
    sd_notifier notifier_;
    std::optional<std::chrono::microseconds> interval_;
    bool ready_ = false;
    bool stopping_ = false;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
};

}  // namespace orchard
