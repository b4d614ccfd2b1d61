package io.dataops.model.api;

import java.util.Locale;

/**
 * A user's free-text search as a SQL LIKE "contains" pattern, with the term's own {@code %} and {@code _} matching
 * themselves: a search for {@code 50%} finds names containing "50%", not every name containing "50".
 * Every query using it writes {@code like :param escape '!'} ({@link #LIKE_ESCAPE}).
 */
public final class SearchTerm {
    /**
     * The escape character of every search LIKE. Not a backslash: HQL and Oracle read a backslash in a string
     * literal differently, while {@code !} means the same to Hibernate, Oracle and H2.
     */
    public static final char ESCAPE = '!';
    /** To append after {@code like :param} in HQL or SQL. */
    public static final String LIKE_ESCAPE = " escape '" + ESCAPE + "'";

    private SearchTerm() {
    }

    /** {@code %term%} in lower case (compare with {@code lower(column)}), wildcards in the term escaped. */
    public static String containsLowerCase(String term) {
        String lower = term.trim().toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder(lower.length() + 8).append('%');
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
