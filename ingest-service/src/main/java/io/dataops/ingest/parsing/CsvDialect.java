package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a CSV file is written: its field delimiter and character encoding. */
public record CsvDialect(char delimiter, Charset encoding) {
    public static final char[] DELIMITERS = {',', ';', '|', '\t'};
    private static final Map<String, Charset> ENCODINGS = Map.of(
            "utf-8", StandardCharsets.UTF_8,
            "iso-8859-1", StandardCharsets.ISO_8859_1,
            "windows-1252", Charset.forName("windows-1252"));
    private static final int SAMPLE_CHARS = 65_536;

    /** The encoding named in a request, UTF-8 when none is; anything else is a 400 naming the field. */
    public static Charset encoding(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = ENCODINGS.get(name.trim().toLowerCase(Locale.ROOT));
        if (charset == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Unsupported encoding '" + name + "'",
                    List.of(new FieldError("encoding", "must be one of " + ENCODINGS.keySet().stream().sorted().toList())));
        }
        return charset;
    }

    /** The delimiter named in a request ("tab" or one of , ; | and a tab character), or null to detect it. */
    public static Character delimiter(String given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if ("tab".equalsIgnoreCase(given) || "\\t".equals(given)) {
            return '\t';
        }
        if (given.length() == 1 && new String(DELIMITERS).indexOf(given.charAt(0)) >= 0) {
            return given.charAt(0);
        }
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "Unsupported delimiter '" + given + "'",
                List.of(new FieldError("delimiter", "must be one of , ; | or tab")));
    }

    /**
     * Picks the candidate delimiter that occurs most often outside quotes in the header line; a comma when the header
     * has none of them (a one-column file).
     */
    public static char detectDelimiter(Reader source) throws IOException {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        int c;
        int read = 0;
        while ((c = source.read()) != -1 && read++ < SAMPLE_CHARS) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int i = 0; i < DELIMITERS.length; i++) {
                    if (c == DELIMITERS[i]) {
                        counts[i]++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return counts[best] == 0 ? ',' : DELIMITERS[best];
    }

    public String encodingName() {
        return encoding.name().toLowerCase(Locale.ROOT);
    }

    public String delimiterName() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }
}
