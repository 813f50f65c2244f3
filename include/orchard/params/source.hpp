// What a source of parameter values provides to bind(), and the key table every built-in source shares.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/problem.hpp>
#include <orchard/params/schema.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace orchard {

// One value a source holds, under a canonical key ("outer.inner": lower case, '_' for '-').
struct source_entry {
    std::string key;
    std::uint64_t hash = 0;               // of key, so that lookups mostly compare integers
    std::string_view value;               // the text (a view into the source's own or stable storage)
    std::vector<std::string_view> items;  // the items, when the source had a real list (a JSON array)
    bool is_list = false;
    std::string_view spelled;   // the key as the user wrote it, for messages
    std::size_t position = 0;   // line number, argument index...
    mutable bool used = false;  // matched a field during the current bind
};

// A source of values for bind(). The built-in ones derive from source_base, which implements
// everything but origin_of and spelling; a custom source (a key-value store, say) can do the same.
template <class S>
concept param_source =
    requires(S& source, const S& csource, std::string_view key, const source_entry& entry, const field_info& field,
             const std::vector<field_info>& fields, std::vector<problem>& problems) {
        { csource.find(key) } -> std::same_as<const source_entry*>;
        { csource.children(key) } -> std::same_as<std::vector<const source_entry*>>;
        { csource.origin_of(entry) } -> std::same_as<origin>;
        { csource.spelling(field) } -> std::convertible_to<std::string>;
        source.prepare(fields);
        csource.report(fields, problems, problems);
    };

class source_base {
public:
    source_base() = default;
    // Entries are views into storage the source owns; a copy would point into the original.
    source_base(const source_base&) = delete;
    source_base& operator=(const source_base&) = delete;
    source_base(source_base&&) = default;
    source_base& operator=(source_base&&) = default;

    // The entry under exactly this key (the last one added, if several), or nullptr. A found entry
    // counts as known. Sources hold tens of entries: a scan over their hashes beats sorting them.
    const source_entry* find(std::string_view key) const {
        const std::uint64_t h = hash(key);
        const source_entry* last = nullptr;
        for (const auto& e : entries_) {
            if (e.hash == h && e.key == key) {
                e.used = true;
                last = &e;
            }
        }
        return last;
    }

    // Entries directly below key ("labels.a", "labels.b"): a map given one key at a time, sorted by key.
    std::vector<const source_entry*> children(std::string_view key) const {
        std::vector<const source_entry*> out;
        for (const auto& e : entries_) {
            if (e.key.size() > key.size() + 1 && e.key.starts_with(key) && e.key[key.size()] == '.' &&
                e.key.find('.', key.size() + 1) == std::string::npos) {
                e.used = true;
                out.push_back(&e);
            }
        }
        std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->key < b->key; });
        return out;
    }

    static constexpr std::uint64_t hash(std::string_view key) noexcept {
        std::uint64_t h = 14695981039346656037ull;  // FNV-1a
        for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return h;
    }

    // Called by bind() with the fields being bound, before any find().
    void prepare(const std::vector<field_info>&) {
        for (const auto& e : entries_) e.used = false;
    }

    // Problems with the source itself (an unreadable file) and keys that match no field.
    void report(const std::vector<field_info>& fields, std::vector<problem>& errors,
                std::vector<problem>& notes) const {
        errors.insert(errors.end(), load_problems_.begin(), load_problems_.end());
        (void)fields;
        (void)notes;
    }

    const std::vector<source_entry>& entries() const noexcept { return entries_; }

protected:
    // Adds an entry under a canonical key. Of entries with equal keys, the last added counts.
    source_entry& add(std::string key, std::string_view value, std::string_view spelled, std::size_t position) {
        const std::uint64_t h = hash(key);
        entries_.push_back({std::move(key), h, value, {}, false, spelled, position, false});
        return entries_.back();
    }

    // For each entry that matched no field during the bind: unknown(entry, closest field key or "").
    template <class F>
    void for_each_unknown(const std::vector<field_info>& fields, F&& unknown) const {
        for (const auto& e : entries_) {
            if (e.used) continue;
            std::vector<std::string_view> keys;
            for (const auto& f : fields) keys.push_back(f.key);
            const auto suggestion = detail::closest_match(e.key, keys);
            unknown(e, suggestion ? *suggestion : std::string{});
        }
    }

    // Keeps text alive for as long as the source (a deque never moves its elements).
    std::string_view keep(std::string text) { return storage_.emplace_back(std::move(text)); }

    std::vector<source_entry> entries_;
    std::vector<problem> load_problems_;
    std::deque<std::string> storage_;
};

}  // namespace orchard
