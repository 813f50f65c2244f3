// The manager: petitions queued by priority, started when their conditions hold, run by threads or
// child processes, cancelled on request, with the systemd watchdog.
#pragma once

#include <orchard/manage/manager.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/manage/sd_notify.hpp>
