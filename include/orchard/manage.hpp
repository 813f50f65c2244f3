// The manager: petitions queued by priority, started when their conditions hold and their claims
// succeed, run by threads or child processes, cancelled on request, and the systemd watchdog.
#pragma once

#include <orchard/manage/executors.hpp>
#include <orchard/manage/hooks.hpp>
#include <orchard/manage/manager.hpp>
#include <orchard/manage/petition.hpp>
#include <orchard/manage/policies.hpp>
#include <orchard/manage/resources.hpp>
#include <orchard/manage/sd_notify.hpp>
#include <orchard/manage/watchdog.hpp>
