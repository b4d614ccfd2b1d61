package io.dataops.ingest.parsing;

import java.io.Reader;

/**
 * {@link OversizedRecordFilter} for JSON: a record is one element object of the top-level array, or one object of
 * NDJSON; strings and escapes are followed so braces inside text do not count.
 */
final class JsonRecordFilter extends OversizedRecordFilter {
    /** The one property of the object that stands in for a dropped element; JSON text cannot name a NUL key by accident. */
    static final String MARKER_KEY = "\u0000record-too-large";

    private int depth;
    private int elementDepth = -1;
    private boolean inString;
    private boolean escaped;

    JsonRecordFilter(Reader source, int maxRecordChars) {
        super(source, maxRecordChars);
    }

    @Override
    protected boolean endsRecord(char c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            return false;
        }
        if (elementDepth < 0 && !Character.isWhitespace(c) && c != '\uFEFF') {
            // the first thing in the file says whether elements sit in an array or at the top (NDJSON)
            elementDepth = c == '[' ? 1 : 0;
        }
        switch (c) {
            case '"' -> inString = true;
            case '{', '[' -> depth++;
            case '}', ']' -> {
                depth--;
                return c == '}' && depth == elementDepth;
            }
            default -> {
            }
        }
        return false;
    }

    @Override
    protected boolean inRecord() {
        return elementDepth >= 0 && depth > elementDepth;
    }

    @Override
    protected String marker() {
        return "{\"\\u0000record-too-large\":true}";
    }
}
