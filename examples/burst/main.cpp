// Bursts jobs to plugins, as Flux Burst does: each burstable job goes to the first plugin that
// accepts it; `local` runs jobs that fit this machine, `slurm` sends them to a Slurm cluster,
// `mock` records the others.
//
//   ./burst --jobs jobs.ini
//   ./burst --command "echo hello" --command "sh -c 'exit 3'" --command 'printf %s "a,b"'
//   FLUXBURST_LOCAL__MAX_PARALLEL=2 ./burst --jobs jobs.ini --plugins mock,local
//   eval "$(scripts/slurm-local up)" && ./burst --jobs jobs.ini --plugins slurm,mock
#include <orchard/burst.hpp>

#include <boost/property_tree/ini_parser.hpp>

#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

// A job as the burst client sees it; also how one [job.NAME] section of the jobs file reads.
struct job {
    std::string id;
    std::vector<std::string> command;
    int nodes = 1;
    int tasks = 1;
    bool burstable = true;
};

struct job_section {
    orchard::required<orchard::shell_words> command;  // command = sh -c 'exit 3'

    int nodes = 1;
    int tasks = 1;
    bool burstable = true;
};

struct options {
    std::optional<std::filesystem::path> jobs{};        // INI file, one [job.NAME] section per job
    std::vector<orchard::shell_words> command{};        // more jobs: "program arg..." (shell quoting)
    std::vector<std::string> plugins{"local", "mock"};  // loaded in this order, which is the burst order
    std::optional<std::filesystem::path> config{};      // [fluxburst.<plugin>] sections

    static constexpr orchard::field_help help[] = {
        {"jobs", "INI file with one [job.NAME] section per job (command, nodes, tasks, burstable)"},
        {"command",
         "A job to run: a command line, quoted as for a shell; may be repeated (a comma "
         "separates two, unless inside double quotes)"},
        {"plugins", "Plugins to load (local, slurm, mock), in the order jobs are offered to them"},
        {"config", "INI file with a [fluxburst.PLUGIN] section per plugin"},
    };
};

std::vector<job> read_jobs(const options& o) {
    std::vector<job> jobs;
    if (o.jobs) {
        boost::property_tree::ptree tree;
        boost::property_tree::read_ini(o.jobs->string(), tree);
        for (const auto& [section, unused] : tree) {
            if (!section.starts_with("job.")) continue;
            const auto s = orchard::bind<job_section>(orchard::from_ini(*o.jobs, section));
            jobs.push_back({section.substr(4), s.command->words, s.nodes, s.tasks, s.burstable});
        }
    }
    for (const auto& line : o.command) jobs.push_back({"command-" + std::to_string(jobs.size() + 1), line.words});
    return jobs;
}

using client_type =
    orchard::burst_client<job, orchard::registry<orchard::local_plugin, orchard::slurm_plugin, orchard::mock_plugin>>;

int main(int argc, char** argv) {
    auto args = orchard::from_args(argc, argv);
    if (args.help_requested()) {
        std::cout << orchard::usage<options>("burst", "Offers jobs to burst plugins in order and runs them.");
        return 0;
    }
    try {
        const auto o = orchard::bind<options>(args);
        const std::vector<job> jobs = read_jobs(o);
        client_type client({.config_file = o.config});
        for (const auto& name : o.plugins) client.load(name);
        for (const auto& w : client.warnings()) std::cerr << "warning: " << w.to_string() << "\n";

        const orchard::burst_report report = client.run_burst(jobs);

        std::cout << std::left << std::setw(14) << "job" << std::setw(8) << "plugin"
                  << "result\n";
        auto line = [&](const job& j, std::string_view plugin, const std::string& result) {
            std::cout << std::setw(14) << j.id << std::setw(8) << plugin << result << "\n";
        };
        for (const auto& a : report.assigned) {
            std::string result = "accepted";
            if (a.plugin == "local") {
                for (const auto& r : client.plugin<orchard::local_plugin>("local").results())
                    if (r.job == jobs[a.job].id)
                        result = r.status ? orchard::process::to_string(*r.status) + " (output in " +
                                                r.std_out.string() + ")"
                                          : r.error;
            } else if (a.plugin == "slurm") {
                if (const auto* r = client.plugin<orchard::slurm_plugin>("slurm").result(jobs[a.job].id))
                    result = r->status && r->submitted()
                                 ? r->state + ": " + orchard::process::to_string(*r->status) + " (Slurm job " +
                                       r->slurm_id + ", output in " + r->std_out.string() + ")"
                                 : r->state + ": " + r->error;
            } else if (a.plugin == "mock") {
                result = "recorded by the mock plugin";
            }
            line(jobs[a.job], a.plugin, result);
        }
        for (auto j : report.unmatched) line(jobs[j], "-", "unmatched: no plugin accepted it");
        for (auto j : report.skipped) line(jobs[j], "-", "skipped: not burstable");
        for (const auto& f : report.failures) std::cout << "plugin " << f.plugin << " failed: " << f.what << "\n";
        return report.failures.empty() ? 0 : 1;
    } catch (const orchard::error& e) {
        std::cerr << e.what() << "\n";
        return 78;  // EX_CONFIG
    }
}
