package com.vrooli.telemetry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a shell command line into the words of each stage of its pipeline, as a POSIX shell
 * would for the README's commands: single and double quotes, backslash escapes and line
 * continuations, {@code ${NAME}} and {@code $NAME} from a given map (an unknown name is an error,
 * not an empty string), {@code |} between stages and {@code #} comments. Nothing else (no
 * redirections, globs or command substitution): a command that needs more fails loudly.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** True when the text ends inside a quote, so the command goes on on the next line. */
    static boolean openQuote(CharSequence s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && c == '\\') {
                i++;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return quote != 0;
    }

    /** The words of each stage. */
    static List<List<String>> pipeline(String shell, Map<String, String> variables) {
        List<List<String>> stages = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < shell.length()) {
            char c = shell.charAt(i);
            if (c == '\\' && i + 1 < shell.length()) {
                if (shell.charAt(i + 1) != '\n') {
                    word.append(shell.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else if (c == '\'') {
                int close = shell.indexOf('\'', i + 1);
                word.append(shell, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(shell, i + 1, word, variables);
                inWord = true;
            } else if (c == '$') {
                i = variable(shell, i, word, variables);
                inWord = true;
            } else if (c == '#' && !inWord) {
                int nl = shell.indexOf('\n', i);
                i = nl < 0 ? shell.length() : nl;
            } else if (c == '|' || Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '|') {
                    stages.add(words);
                    words = new ArrayList<>();
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        stages.add(words);
        return stages;
    }

    private static int doubleQuoted(String s, int i, StringBuilder word, Map<String, String> variables) {
        while (s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\' && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                if (s.charAt(i + 1) != '\n') {
                    word.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                i = variable(s, i, word, variables);
            } else {
                word.append(c);
                i++;
            }
        }
        return i + 1;
    }

    private static int variable(String s, int dollar, StringBuilder word, Map<String, String> variables) {
        int start = dollar + 1;
        int end;
        int next;
        if (s.charAt(start) == '{') {
            end = s.indexOf('}', start);
            next = end + 1;
            start++;
        } else {
            end = start;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            next = end;
        }
        String name = s.substring(start, end);
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the command uses $" + name + ", which the test does not define");
        }
        word.append(value);
        return next;
    }
}
