package io.dataops.ingest.parsing;

import java.io.Reader;

/**
 * {@link OversizedRecordFilter} for JSON: a record is one element of the top-level array that is an object, an array
 * or a string, or one such value of NDJSON; strings and escapes are followed so brackets inside text do not count.
 * (A bare number or literal between records is bounded by the parser's token limit instead.)
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
                // a string element ends with its closing quote
                return depth == elementDepth;
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
                // an array element ends with its ']' as an object element with its '}'
                depth--;
                return depth == elementDepth;
            }
            default -> {
            }
        }
        return false;
    }

    @Override
    protected boolean inRecord() {
        return elementDepth >= 0 && (depth > elementDepth || inString);
    }

    @Override
    protected String marker() {
        return "{\"\\u0000record-too-large\":true}";
    }
}
