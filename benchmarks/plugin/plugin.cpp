// The cost of reaching a plugin: direct call, through the registry (dispatched once, or by name on
// every call), through the burst client's variant, and through a virtual call as a baseline.
#include <orchard/plugin.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace {

struct job {
    int nodes = 1;
};

struct plugin_interface {  // the object-oriented baseline
    virtual ~plugin_interface() = default;
    virtual bool schedule(const job& j) = 0;
};

template <int Limit>
struct sized_params {
    int limit = Limit;
};

// Plugins whose schedule() does a little real work, so that calls cannot fold away.
template <int Limit, const char* Name>
struct sized final : plugin_interface {
    static constexpr std::string_view name = Name;
    using params_type = sized_params<Limit>;
    explicit sized(const params_type& p) : limit(p.limit) {}
    bool schedule(const job& j) override {
        accepted += j.nodes <= limit;
        return j.nodes <= limit;
    }
    void run() {}
    int limit;
    long accepted = 0;
};

constexpr char local_name[] = "local", mock_name[] = "mock", slurm_name[] = "slurm", gke_name[] = "gke";
using local_p = sized<1, local_name>;
using mock_p = sized<2, mock_name>;
using slurm_p = sized<64, slurm_name>;
using gke_p = sized<8, gke_name>;
using plugins = orchard::registry<local_p, mock_p, slurm_p, gke_p>;

std::string runtime_name(const char* name) {  // so the compiler cannot see the name
    std::string s(name);
    benchmark::DoNotOptimize(s.data());
    return s;
}

void direct_call(benchmark::State& state) {
    gke_p p({});
    job j{4};
    for (auto _ : state) {
        benchmark::DoNotOptimize(j);
        benchmark::DoNotOptimize(p.schedule(j));
    }
}
BENCHMARK(direct_call);

void registry_dispatched_once(benchmark::State& state) {
    job j{4};
    plugins::visit(runtime_name("gke"), [&](auto type) {
        using P = typename decltype(type)::type;
        P p({});
        for (auto _ : state) {
            benchmark::DoNotOptimize(j);
            benchmark::DoNotOptimize(p.schedule(j));
        }
    });
}
BENCHMARK(registry_dispatched_once);

void registry_dispatched_by_name_each_call(benchmark::State& state) {
    job j{4};
    const std::string name = runtime_name("gke");
    local_p a({});
    mock_p b({});
    slurm_p c({});
    gke_p d({});
    for (auto _ : state) {
        benchmark::DoNotOptimize(j);
        const bool taken = plugins::visit(name, [&](auto type) {
            using P = typename decltype(type)::type;
            if constexpr (std::is_same_v<P, local_p>) return a.schedule(j);
            else if constexpr (std::is_same_v<P, mock_p>) return b.schedule(j);
            else if constexpr (std::is_same_v<P, slurm_p>) return c.schedule(j);
            else return d.schedule(j);
        });
        benchmark::DoNotOptimize(taken);
    }
}
BENCHMARK(registry_dispatched_by_name_each_call);

void variant_of_loaded_plugins(benchmark::State& state) {  // how burst_client holds its instances
    std::variant<local_p, mock_p, slurm_p, gke_p> loaded(std::in_place_type<gke_p>, gke_p::params_type{});
    benchmark::DoNotOptimize(loaded);
    job j{4};
    for (auto _ : state) {
        benchmark::DoNotOptimize(j);
        benchmark::DoNotOptimize(std::visit([&](auto& p) { return p.schedule(j); }, loaded));
    }
}
BENCHMARK(variant_of_loaded_plugins);

void virtual_call_baseline(benchmark::State& state) {
    std::unique_ptr<plugin_interface> p = std::make_unique<gke_p>(gke_p::params_type{});
    benchmark::DoNotOptimize(p.get());
    job j{4};
    for (auto _ : state) {
        benchmark::DoNotOptimize(j);
        benchmark::DoNotOptimize(p->schedule(j));
    }
}
BENCHMARK(virtual_call_baseline);

}  // namespace

BENCHMARK_MAIN();
