// Field count, types, visiting and lookup by name.
#include <orchard/reflect.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace rf = orchard::reflect;

struct job {
    int priority = 0;
    std::string command;
    std::vector<std::string> args;
};

struct empty {};

struct with_base_class : job {
    int extra;
};

struct with_array {
    int values[2];
};

}  // namespace

TEST_CASE("field count and field types") {
    STATIC_REQUIRE(rf::field_count<job> == 3);
    STATIC_REQUIRE(rf::field_count<const job> == 3);
    STATIC_REQUIRE(rf::field_count<empty> == 0);
    STATIC_REQUIRE(std::is_same_v<rf::field_type<job, 0>, int>);
    STATIC_REQUIRE(std::is_same_v<rf::field_type<job, 2>, std::vector<std::string>>);
}

TEST_CASE("for_each_field visits every field in order with its name and index") {
    job j{7, "sleep", {"1"}};
    std::vector<std::string> seen;
    rf::for_each_field(j, [&](std::string_view name, auto& value, auto index) {
        seen.push_back(std::to_string(index()) + ":" + std::string(name));
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, int>) value += 1;
    });
    CHECK(seen == std::vector<std::string>{"0:priority", "1:command", "2:args"});
    CHECK(j.priority == 8);
}

TEST_CASE("for_each_field on a const object gives const fields") {
    const job j{1, "true", {}};
    int visited = 0;
    rf::for_each_field(j, [&](std::string_view, auto& value, auto) {
        STATIC_REQUIRE(std::is_const_v<std::remove_reference_t<decltype(value)>>);
        ++visited;
    });
    CHECK(visited == 3);
}

TEST_CASE("field_index finds a field by name") {
    STATIC_REQUIRE(rf::field_index<job>("command") == 1);
    CHECK(rf::field_index<job>("missing") == rf::field_count<job>);
}

TEST_CASE("the aggregate concept accepts plain structs and rejects other shapes without an error") {
    STATIC_REQUIRE(rf::aggregate<job>);
    STATIC_REQUIRE(rf::aggregate<empty>);
    STATIC_REQUIRE_FALSE(rf::aggregate<int>);
    STATIC_REQUIRE_FALSE(rf::aggregate<std::string>);
    STATIC_REQUIRE_FALSE(rf::aggregate<with_base_class>);
    STATIC_REQUIRE_FALSE(rf::aggregate<with_array>);
}
