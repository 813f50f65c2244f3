// Field count, types, visiting and lookup by name.
#include <orchard/reflect.hpp>

#include <catch2/catch.hpp>

#include <memory>
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

namespace {

// Boost.PFR 1.81's field counting crashes g++-12 on this shape; ours must not.
struct braced_defaults {
    std::vector<std::string> tags{"a", "b,c"};
    int after = 2;
};

struct no_default {
    explicit no_default(int v) : value(v) {}
    int value;
};

struct needs_initializers {
    no_default first;
    std::string second;
    no_default third;
};

struct move_only_fields {
    std::unique_ptr<int> owned;
    std::string name;
};

}  // namespace

TEST_CASE("structs whose defaults hold braced lists of strings are reflected") {
    STATIC_REQUIRE(rf::field_count<braced_defaults> == 2);
    braced_defaults b;
    CHECK(rf::get<0>(b) == std::vector<std::string>{"a", "b,c"});
    CHECK(rf::get<1>(b) == 2);
}

TEST_CASE("fields without a default constructor are counted exactly") {
    STATIC_REQUIRE(rf::field_count<needs_initializers> == 3);
    STATIC_REQUIRE(rf::field_names<needs_initializers>[2] == "third");
    needs_initializers n{no_default(1), "x", no_default(3)};
    CHECK(rf::get<2>(n).value == 3);
}

TEST_CASE("move-only fields are visited by reference") {
    move_only_fields m{std::make_unique<int>(5), "five"};
    int seen = 0;
    rf::for_each_field(m, [&](std::string_view, auto& field, auto index) {
        if constexpr (index() == 0) seen = *field;
    });
    CHECK(seen == 5);
    STATIC_REQUIRE(std::is_same_v<rf::field_type<move_only_fields, 0>, std::unique_ptr<int>>);
}
