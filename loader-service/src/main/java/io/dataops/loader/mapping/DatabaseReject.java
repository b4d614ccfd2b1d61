package io.dataops.loader.mapping;

import io.dataops.model.events.RowsRejected;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a row the database refused (a value too large, a constraint) from a database that failed (connection lost,
 * deadlock), and turns the refusal into a row error a user can read: an error type, the column when the message
 * names one, and the database's own sentence without the SQL statement H2 appends.
 */
public final class DatabaseReject {
    /** Oracle reports most of these with SQLState 72000 or 23000; its error codes are precise. */
    private static final Set<Integer> ORACLE_TOO_LARGE = Set.of(12899, 1438, 1401, 25137);
    private static final Set<Integer> ORACLE_REFERENCE = Set.of(2291);
    private static final Set<Integer> ORACLE_DUPLICATE = Set.of(1);
    private static final Set<Integer> ORACLE_REJECTED = Set.of(1400, 1407, 2290, 1722, 1830, 1840, 1841, 1847);
    private static final Pattern COLUMN = Pattern.compile("column ((?:\"[^\"]*\"\\.?)+)", Pattern.CASE_INSENSITIVE);

    /** What a refused row is reported as. */
    public record Verdict(String errorType, String column, String message) {
    }

    /** @return the verdict when the database refused the row's data, null when the failure is not about the row */
    public static Verdict of(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String type;
        if ("22001".equals(state) || "22003".equals(state) || ORACLE_TOO_LARGE.contains(code)) {
            type = RowsRejected.VALUE_TOO_LARGE;
        } else if ("23503".equals(state) || "23506".equals(state) || ORACLE_REFERENCE.contains(code)) {
            type = RowsRejected.REFERENCE;
        } else if ("23505".equals(state) || ORACLE_DUPLICATE.contains(code)) {
            type = RowsRejected.DUPLICATE;
        } else if (state.startsWith("22") || state.startsWith("23") || ORACLE_REJECTED.contains(code)) {
            type = RowsRejected.DB_REJECTED;
        } else {
            return null;
        }
        String message = sanitize(e.getMessage());
        return new Verdict(type, columnIn(message), "The database refused the row: " + message);
    }

    /** The database's sentence: first line, no appended SQL statement, no H2 error-code suffix, at most 300 chars. */
    static String sanitize(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String text = message;
        int sql = text.indexOf("; SQL statement:");
        if (sql >= 0) {
            text = text.substring(0, sql);
        }
        int line = text.indexOf('\n');
        if (line >= 0) {
            text = text.substring(0, line);
        }
        text = text.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "").trim();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** The column a message names: H2 {@code column "NAME CHARACTER VARYING(100)"}, Oracle {@code "S"."T"."NAME"}. */
    static String columnIn(String message) {
        Matcher m = COLUMN.matcher(message);
        if (!m.find()) {
            return null;
        }
        String[] parts = m.group(1).split("\"\\.?\"?");
        String last = null;
        for (String part : parts) {
            if (!part.isBlank()) {
                last = part;
            }
        }
        return last == null ? null : last.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private DatabaseReject() {
    }
}
