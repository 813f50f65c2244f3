// Reading a configuration file whole, and finding the line of each key (PropertyTree keeps none).
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/problem.hpp>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace orchard::detail {

// The file's content, or nullopt with `error` saying why it could not be read.
inline std::optional<std::string> read_text_file(const std::filesystem::path& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    return std::move(content).str();
}

// Reads a configuration file and runs `parse(std::istream&)` on it (a PropertyTree reader). On
// failure the problem is recorded (the file, or file:line for a SyntaxError) and nothing is returned.
template <class SyntaxError, class Parse>
std::optional<std::string> read_config_file(const std::filesystem::path& file, Parse&& parse,
                                            std::vector<problem>& problems) {
    std::string error;
    auto text = read_text_file(file, error);
    if (!text) {
        problems.push_back({{}, file.string(), {}, "cannot be read: " + error, {}, {}});
        return std::nullopt;
    }
    try {
        std::istringstream in(*text);
        parse(in);
    } catch (const SyntaxError& e) {
        problems.push_back({{}, file.string() + ":" + std::to_string(e.line()), {}, e.message(), {}, {}});
        return std::nullopt;
    }
    return text;
}

// Line (1-based) of each "key = value" in [section], by canonical key.
inline std::map<std::string, std::size_t> ini_key_lines(std::string_view text, std::string_view section) {
    std::map<std::string, std::size_t> lines;
    std::string_view current;
    bool has_section = false;
    std::size_t number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(end == text.npos ? text.size() : end + 1);
        ++number;
        if (line.empty() || line.front() == ';' || line.front() == '#') continue;
        if (line.front() == '[') {
            current = trim(line.substr(1, line.find(']') - 1));
            has_section = true;
        } else if (has_section && current == section) {
            std::string key(trim(line.substr(0, line.find('='))));
            for (char& c : key) c = key_char(c);
            lines.emplace(std::move(key), number);
        }
    }
    return lines;
}

// Line (1-based) of each object key in a JSON text, by canonical dotted path from the document root.
// Keys inside arrays are skipped: values there are list items, not fields.
inline std::map<std::string, std::size_t> json_key_lines(std::string_view text) {
    struct frame {
        bool object;
        bool expect_key;
        std::string key;
    };
    std::map<std::string, std::size_t> lines;
    std::vector<frame> stack;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
        } else if (c == '"') {
            std::string value;
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
                value += key_char(text[i]);
            }
            if (stack.empty() || !stack.back().object || !stack.back().expect_key) continue;
            stack.back().key = value;
            stack.back().expect_key = false;
            std::string path;
            bool in_array = false;
            for (const auto& f : stack) {
                if (!f.object) in_array = true;
                path += (path.empty() ? "" : ".") + f.key;
            }
            if (!in_array) lines.emplace(std::move(path), line);
        } else if (c == '{') {
            stack.push_back({true, true, {}});
        } else if (c == '[') {
            stack.push_back({false, false, {}});
        } else if ((c == '}' || c == ']') && !stack.empty()) {
            stack.pop_back();
        } else if (c == ',' && !stack.empty() && stack.back().object) {
            stack.back().expect_key = true;
        }
    }
    return lines;
}

}  // namespace orchard::detail
