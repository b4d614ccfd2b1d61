package io.dataops.ingest.parsing;

/**
 * The largest record (a CSV row, a JSON element) and the largest field value a reader hands on, in characters.
 * Anything larger becomes a row error ({@link #RECORD_TOO_LARGE}, {@link #FIELD_TOO_LARGE}) and the rows after it
 * are still read, so one enormous line can neither exhaust memory nor stop the file.
 */
public record RecordLimits(int maxRecordChars, int maxFieldChars) {
    /** DATA_ERRORS.error_type of a record longer than {@link #maxRecordChars}. */
    public static final String RECORD_TOO_LARGE = "RECORD_TOO_LARGE";
    /** DATA_ERRORS.error_type of a field value longer than {@link #maxFieldChars}. */
    public static final String FIELD_TOO_LARGE = "FIELD_TOO_LARGE";
    /** How much of an oversized row's text is kept for the error's raw data. */
    static final int RAW_EXCERPT_CHARS = 1000;

    public static final RecordLimits DEFAULT = new RecordLimits(256 * 1024, 64 * 1024);

    public RecordLimits {
        if (maxRecordChars < 1 || maxFieldChars < 1) {
            throw new IllegalArgumentException("record and field limits must be positive");
        }
    }

    String recordTooLarge() {
        return "The row has more than " + maxRecordChars + " characters, the limit of a row; it was not read";
    }

    String fieldTooLarge(String field, int length) {
        return "Field '" + field + "' has " + length + " characters, more than the limit of " + maxFieldChars
                + "; the row was not read";
    }

    /** The first characters of an oversized row, enough to find it in the file. */
    static String excerpt(String raw) {
        return raw == null || raw.length() <= RAW_EXCERPT_CHARS ? raw : raw.substring(0, RAW_EXCERPT_CHARS) + "...";
    }
}
