// orchard::shell_words: a command line read as a POSIX shell splits it into words (quotes and
// backslashes, no expansion): "sh -c 'exit 3'" is sh, -c, exit 3.
#pragma once

#include <orchard/params/detail/text.hpp>
#include <orchard/params/value_traits.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchard {
namespace detail {

// One word for a POSIX shell: returned as is when it holds only characters no shell treats
// specially, otherwise inside single quotes, where nothing is special but the quote itself, which
// is written '\'' (close, escaped quote, reopen). Spaces, $, backticks, backslashes, newlines, globs,
// a leading ~ or # all come out literally.
inline std::string shell_quote(std::string_view word) {
    const auto plain = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.' || c == '/' || c == ',' || c == ':' || c == '@' || c == '%' || c == '+' || c == '=';
    };
    bool needs_quotes = word.empty();
    for (char c : word) needs_quotes = needs_quotes || !plain(c);
    if (!needs_quotes) return std::string(word);
    std::string out = "'";
    for (char c : word) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    out += '\'';
    return out;
}

}  // namespace detail

// The words of a command line: a program and its arguments.
struct shell_words {
    std::vector<std::string> words{};

    friend bool operator==(const shell_words&, const shell_words&) = default;
};

template <>
struct value_traits<shell_words> {
    static std::string describe() {
        return "a command line, split into words as a POSIX shell does ('single' and \"double\" quotes, "
               "backslashes; nothing is expanded)";
    }

    static verdict parse(std::string_view text, shell_words& out) {
        std::vector<std::string> words;
        std::string word;
        bool in_word = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (detail::is_space(c)) {
                if (in_word) words.push_back(std::move(word));
                word.clear();
                in_word = false;
            } else if (c == '\'') {
                const std::size_t end = text.find('\'', i + 1);
                if (end == text.npos) return verdict::failure("has an unterminated single quote");
                word.append(text.substr(i + 1, end - i - 1));
                i = end;
                in_word = true;
            } else if (c == '"') {
                std::size_t j = i + 1;
                for (; j < text.size() && text[j] != '"'; ++j) {
                    // Inside double quotes a backslash escapes only what the shell lets it escape.
                    if (text[j] == '\\' && j + 1 < text.size() &&
                        std::string_view("\"\\$`").find(text[j + 1]) != std::string_view::npos)
                        ++j;
                    word += text[j];
                }
                if (j == text.size()) return verdict::failure("has an unterminated double quote");
                i = j;
                in_word = true;
            } else if (c == '\\') {
                if (i + 1 == text.size()) return verdict::failure("ends with a lone backslash");
                word += text[++i];
                in_word = true;
            } else {
                word += c;
                in_word = true;
            }
        }
        if (in_word) words.push_back(std::move(word));
        out.words = std::move(words);
        return {};
    }

    static std::string format(const shell_words& value) {
        std::string out;
        for (const auto& w : value.words) {
            if (!out.empty()) out += ' ';
            out += detail::shell_quote(w);
        }
        return out;
    }
};

}  // namespace orchard
