package dev.newsflow.enrich.topic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of a fixed set of terms occur in a token sequence. A term is one or more words
 * matched as whole tokens in order ({@code gencatan senjata}); a term ending in {@code *} matches
 * any last token that starts with it ({@code terroris*}: terrorist, terrorisme); a term in a script
 * written without spaces ({@code 足球}, {@code ฟุตบอล}) matches anywhere inside such a run. Immutable
 * and thread-safe once built.
 */
final class TermMatcher {
    private static final int PREFIX_KEY = 3;

    private record Term(int id, String[] words, boolean prefix) {}

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Map<String, List<Term>> byFirstWordPrefix = new HashMap<>();
    private final List<Term> unsegmented = new ArrayList<>();
    private final List<String> unsegmentedText = new ArrayList<>();
    private final int size;

    /**
     * Builds a matcher of {@code terms}; the id of a term is its index in the list.
     *
     * @throws IllegalArgumentException for an empty term or a prefix shorter than 3 characters
     */
    TermMatcher(List<String> terms) {
        this.size = terms.size();
        for (int id = 0; id < terms.size(); id++) {
            String raw = TextTokens.normalise(terms.get(id).trim());
            boolean prefix = raw.endsWith("*");
            List<TextTokens.Token> tokens =
                    TextTokens.tokens(prefix ? raw.substring(0, raw.length() - 1) : raw);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("empty term: '" + terms.get(id) + "'");
            }
            String[] words = tokens.stream().map(TextTokens.Token::text).toArray(String[]::new);
            Term term = new Term(id, words, prefix);
            if (tokens.size() == 1 && tokens.get(0).unsegmented()) {
                unsegmented.add(term);
                unsegmentedText.add(words[0]);
            } else if (prefix && words.length == 1) {
                if (words[0].length() < PREFIX_KEY) {
                    throw new IllegalArgumentException("prefix too short: '" + terms.get(id) + "'");
                }
                byFirstWordPrefix
                        .computeIfAbsent(words[0].substring(0, PREFIX_KEY), k -> new ArrayList<>())
                        .add(term);
            } else {
                byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(term);
            }
        }
    }

    /** The number of terms. */
    int size() {
        return size;
    }

    /** The ids of the terms that occur in {@code tokens}, each once. */
    BitSet matches(List<TextTokens.Token> tokens) {
        BitSet found = new BitSet(size);
        for (int i = 0; i < tokens.size(); i++) {
            TextTokens.Token token = tokens.get(i);
            String t = token.text();
            if (token.unsegmented()) {
                for (int u = 0; u < unsegmented.size(); u++) {
                    if (t.contains(unsegmentedText.get(u))) {
                        found.set(unsegmented.get(u).id());
                    }
                }
                continue;
            }
            List<Term> candidates = byFirstWord.get(t);
            if (candidates != null) {
                for (Term term : candidates) {
                    if (matchesAt(tokens, i, term)) {
                        found.set(term.id());
                    }
                }
            }
            if (t.length() >= PREFIX_KEY) {
                List<Term> prefixed = byFirstWordPrefix.get(t.substring(0, PREFIX_KEY));
                if (prefixed != null) {
                    for (Term term : prefixed) {
                        if (t.startsWith(term.words()[0])) {
                            found.set(term.id());
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<TextTokens.Token> tokens, int at, Term term) {
        String[] words = term.words();
        if (at + words.length > tokens.size()) {
            return false;
        }
        for (int w = 1; w < words.length; w++) {
            String t = tokens.get(at + w).text();
            boolean last = w == words.length - 1;
            if (last && term.prefix() ? !t.startsWith(words[w]) : !t.equals(words[w])) {
                return false;
            }
        }
        return true;
    }
}
