package org.tcpsim.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt field names, enum values and sysctl names. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known word the user most likely meant: same letters ignoring case, '_', '-' and '.',
     * or within a small edit distance (transpositions count as one edit). Empty when nothing is close.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String t = normalize(typed);
        String best = null;
        int bestDistance = maxDistance(t.length()) + 1;
        for (String candidate : known) {
            int d = distance(t, normalize(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits allowed grow slowly with length, so short words are not "corrected" into unrelated ones. */
    private static int maxDistance(int length) {
        return length <= 2 ? 0 : length <= 4 ? 1 : length <= 10 ? 2 : 3;
    }

    private static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_' && c != '-' && c != '.') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transposition. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
