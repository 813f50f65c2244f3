// Binding a 32-field struct from the environment, against a hand-written getenv + from_chars loop.
#include <orchard/params.hpp>

#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

struct settings {
    int i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
    std::uint32_t u0 = 0, u1 = 0, u2 = 0, u3 = 0;
    std::int64_t l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    std::string s0, s1, s2, s3, s4, s5, s6, s7;
    bool b0 = false, b1 = false, b2 = false, b3 = false;
    double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
};

constexpr const char* names[] = {"BENCH_I0", "BENCH_I1", "BENCH_I2", "BENCH_I3", "BENCH_I4", "BENCH_I5", "BENCH_I6",
                                 "BENCH_I7", "BENCH_U0", "BENCH_U1", "BENCH_U2", "BENCH_U3", "BENCH_L0", "BENCH_L1",
                                 "BENCH_L2", "BENCH_L3", "BENCH_S0", "BENCH_S1", "BENCH_S2", "BENCH_S3", "BENCH_S4",
                                 "BENCH_S5", "BENCH_S6", "BENCH_S7", "BENCH_B0", "BENCH_B1", "BENCH_B2", "BENCH_B3",
                                 "BENCH_D0", "BENCH_D1", "BENCH_D2", "BENCH_D3"};

// A typical environment: the 32 variables and some unrelated ones, as a shell would have.
void prepare_environment() {
    static bool done = false;
    if (done) return;
    done = true;
    for (int i = 0; i < 32; ++i) {
        std::string value;
        if (i < 8) value = std::to_string(-1000 * i - 7);
        else if (i < 12) value = std::to_string(4000000000u - unsigned(i));
        else if (i < 16) value = std::to_string(9000000000000LL * i);
        else if (i < 24) value = "value-of-string-field-" + std::to_string(i);  // longer than SSO
        else if (i < 28) value = (i % 2) ? "true" : "false";
        else value = std::to_string(0.25 * i);
        ::setenv(names[i], value.c_str(), 1);
    }
    const char* unrelated[] = {"HOME", "PATH", "LANG", "TERM", "SHELL", "USER", "PWD", "LOGNAME", "EDITOR", "TZ"};
    for (const char* u : unrelated) ::setenv((std::string("BENCH_OTHER_") + u).c_str() + 12, "/some/typical/value", 0);
}

// The baseline: what one writes by hand, with no error reporting beyond "it failed".
template <class T>
bool parse_number(const char* text, T& out) {
    if (!text) return true;
    const char* end = text + std::strlen(text);
    const auto r = std::from_chars(text, end, out);
    return r.ec == std::errc{} && r.ptr == end;
}

bool parse_bool(const char* text, bool& out) {
    if (!text) return true;
    if (std::strcmp(text, "true") == 0) return out = true, true;
    if (std::strcmp(text, "false") == 0) return out = false, true;
    return false;
}

bool hand_written(settings& s) {
    bool ok = true;
    int* ints[] = {&s.i0, &s.i1, &s.i2, &s.i3, &s.i4, &s.i5, &s.i6, &s.i7};
    for (int i = 0; i < 8; ++i) ok &= parse_number(std::getenv(names[i]), *ints[i]);
    std::uint32_t* uints[] = {&s.u0, &s.u1, &s.u2, &s.u3};
    for (int i = 0; i < 4; ++i) ok &= parse_number(std::getenv(names[8 + i]), *uints[i]);
    std::int64_t* longs[] = {&s.l0, &s.l1, &s.l2, &s.l3};
    for (int i = 0; i < 4; ++i) ok &= parse_number(std::getenv(names[12 + i]), *longs[i]);
    std::string* strings[] = {&s.s0, &s.s1, &s.s2, &s.s3, &s.s4, &s.s5, &s.s6, &s.s7};
    for (int i = 0; i < 8; ++i)
        if (const char* v = std::getenv(names[16 + i])) *strings[i] = v;
    bool* bools[] = {&s.b0, &s.b1, &s.b2, &s.b3};
    for (int i = 0; i < 4; ++i) ok &= parse_bool(std::getenv(names[24 + i]), *bools[i]);
    double* doubles[] = {&s.d0, &s.d1, &s.d2, &s.d3};
    for (int i = 0; i < 4; ++i) ok &= parse_number(std::getenv(names[28 + i]), *doubles[i]);
    return ok;
}

void baseline_getenv_from_chars(benchmark::State& state) {
    prepare_environment();
    for (auto _ : state) {
        settings s;
        if (!hand_written(s)) state.SkipWithError("baseline failed to parse");
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(baseline_getenv_from_chars);

void orchard_bind_from_env(benchmark::State& state) {
    prepare_environment();
    for (auto _ : state) {
        auto s = orchard::bind<settings>(orchard::from_env("BENCH_"));
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(orchard_bind_from_env);

void orchard_bind_traced_from_env(benchmark::State& state) {
    prepare_environment();
    for (auto _ : state) {
        auto s = orchard::bind_traced<settings>(orchard::from_env("BENCH_"));
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(orchard_bind_traced_from_env);

}  // namespace

BENCHMARK_MAIN();
