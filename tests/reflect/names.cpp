// Field names are extracted at compile time for every kind of field and of enclosing type.
#include <orchard/reflect.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace {

namespace rf = orchard::reflect;

struct inner {
    int depth = 0;
};

struct many_types {
    bool flag;
    char letter;
    std::int8_t tiny;
    std::uint64_t huge;
    double ratio;
    std::string name_;
    std::filesystem::path where;
    std::chrono::milliseconds timeout;
    std::optional<std::string> maybe;
    std::vector<int> values;
    std::map<std::string, double> weights;
    std::array<int, 3> triple;
    std::unique_ptr<int> owned;
    std::variant<int, std::string> either;
    std::tuple<int, char> pair_like;
    inner nested;
    std::function<void()> callback;
    const char* raw;
};

template <class T, int N>
struct templated {
    T first_value;
    std::array<T, N> rest_of_values;
};

struct outer {
    inner in;
    templated<inner, 2> deep;
};

}  // namespace

TEST_CASE("field names of 18 field types are extracted at compile time") {
    STATIC_REQUIRE(rf::field_count<many_types> == 18);
    constexpr auto& names = rf::field_names<many_types>;
    STATIC_REQUIRE(names[0] == "flag");
    STATIC_REQUIRE(names[1] == "letter");
    STATIC_REQUIRE(names[2] == "tiny");
    STATIC_REQUIRE(names[3] == "huge");
    STATIC_REQUIRE(names[4] == "ratio");
    STATIC_REQUIRE(names[5] == "name_");
    STATIC_REQUIRE(names[6] == "where");
    STATIC_REQUIRE(names[7] == "timeout");
    STATIC_REQUIRE(names[8] == "maybe");
    STATIC_REQUIRE(names[9] == "values");
    STATIC_REQUIRE(names[10] == "weights");
    STATIC_REQUIRE(names[11] == "triple");
    STATIC_REQUIRE(names[12] == "owned");
    STATIC_REQUIRE(names[13] == "either");
    STATIC_REQUIRE(names[14] == "pair_like");
    STATIC_REQUIRE(names[15] == "nested");
    STATIC_REQUIRE(names[16] == "callback");
    STATIC_REQUIRE(names[17] == "raw");
}

TEST_CASE("field names of class templates and nested structs") {
    STATIC_REQUIRE(rf::field_name<templated<int, 4>, 0> == "first_value");
    STATIC_REQUIRE(rf::field_name<templated<inner, 1>, 1> == "rest_of_values");
    STATIC_REQUIRE(rf::field_name<outer, 0> == "in");
    STATIC_REQUIRE(rf::field_name<outer, 1> == "deep");
    STATIC_REQUIRE(rf::field_name<rf::field_type<outer, 1>, 0> == "first_value");
}

TEST_CASE("field names of a function-local struct") {
    struct local {
        int alpha;
        std::string beta;
    };
    STATIC_REQUIRE(rf::field_count<local> == 2);
    STATIC_REQUIRE(rf::field_name<local, 0> == "alpha");
    STATIC_REQUIRE(rf::field_name<local, 1> == "beta");
}

TEST_CASE("names are usable at run time and are null-terminated copies") {
    const std::string_view name = rf::field_name<inner, 0>;
    CHECK(name == "depth");
    CHECK(name.data()[name.size()] == '\0');
}
