// Submit-to-completion latency and throughput of short jobs run through the slurm plugin: the
// plugin's half of benchmarks/slurm/run, which measures `sbatch --wrap` in a shell loop beside it.
//
//   throughput --jobs 100 --poll-interval 100ms --output-dir /tmp/out   (SLURM_CONF names the cluster)
#include <orchard/burst.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct options {
    std::uint32_t jobs = 100;
    std::chrono::milliseconds poll_interval = 100ms;
    std::filesystem::path output_dir = "slurm-throughput-output";
    std::string partition{};

    static constexpr orchard::field_help help[] = {
        {"jobs", "Number of jobs, each running `true`"},
        {"poll_interval", "The plugin's poll interval"},
        {"output_dir", "Where the jobs' output files and batch scripts go"},
        {"partition", "Partition (empty: the default one)"},
    };
};

struct job {
    std::string id;
    std::vector<std::string> command;
    int nodes = 0;  // the plugin's defaults
    int tasks = 0;
};

int main(int argc, char** argv) {
    auto args = orchard::from_args(argc, argv);
    if (args.help_requested()) {
        std::cout << orchard::usage<options>("throughput", "Runs short jobs through the slurm plugin and times them.");
        return 0;
    }
    try {
        const auto o = orchard::bind<options>(args);
        if (o.jobs == 0) {
            std::cerr << "throughput: --jobs must be at least 1\n";
            return 2;
        }
        orchard::slurm_plugin slurm(
            {.partition = o.partition, .poll_interval = o.poll_interval, .output_dir = o.output_dir});
        if (const auto answer = slurm.validate(); !answer.ok()) {
            std::cerr << "throughput: " << answer.reason() << "\n";
            return 1;
        }
        for (std::uint32_t i = 0; i < o.jobs; ++i)
            if (!slurm.schedule(job{"job-" + std::to_string(i), {"true"}})) {
                std::cerr << "throughput: not scheduled: " << slurm.rejected().back().reason << "\n";
                return 1;
            }

        const auto start = std::chrono::steady_clock::now();
        slurm.submit();
        const auto submitted = std::chrono::steady_clock::now();
        slurm.wait();
        const auto end = std::chrono::steady_clock::now();

        std::vector<double> latency_ms;
        std::size_t failed = 0;
        for (const auto& r : slurm.results()) {
            if (!r.success()) {
                ++failed;
                std::cerr << "throughput: job " << r.job << " " << r.state << " " << r.error << "\n";
            }
            latency_ms.push_back(std::chrono::duration<double, std::milli>(r.ended_at - r.submitted_at).count());
        }
        std::sort(latency_ms.begin(), latency_ms.end());
        const double seconds = std::chrono::duration<double>(end - start).count();
        const double mean = std::accumulate(latency_ms.begin(), latency_ms.end(), 0.0) / double(latency_ms.size());
        const double median = latency_ms[latency_ms.size() / 2];
        const double p95 = latency_ms[std::min(latency_ms.size() - 1, latency_ms.size() * 95 / 100)];
        char line[256];
        std::snprintf(line, sizeof line,
                      "RESULT plugin jobs=%zu seconds=%.3f jobs_per_s=%.3f latency_median_ms=%.0f "
                      "latency_mean_ms=%.0f latency_p95_ms=%.0f submit_seconds=%.3f failed=%zu",
                      latency_ms.size(), seconds, double(latency_ms.size()) / seconds, median, mean, p95,
                      std::chrono::duration<double>(submitted - start).count(), failed);
        std::cout << line << "\n";
        return failed == 0 ? 0 : 1;
    } catch (const orchard::error& e) {
        std::cerr << "throughput: " << e.what() << "\n";
        return 1;
    }
}
