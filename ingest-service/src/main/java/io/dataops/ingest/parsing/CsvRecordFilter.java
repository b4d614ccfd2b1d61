package io.dataops.ingest.parsing;

import java.io.Reader;

/**
 * {@link OversizedRecordFilter} for CSV: a record ends at a line break outside quotes, with quotes read the way
 * FastCSV reads them (they open a quoted field only at its start). A dropped record leaves its line breaks behind,
 * as empty lines the parser skips, so the rows after it keep their line numbers.
 */
final class CsvRecordFilter extends OversizedRecordFilter {
    /** A field no file can hold (NUL), so the row reader knows the record was dropped. */
    static final String MARKER = "\u0000record-too-large";

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final char delimiter;
    private State state = State.FIELD_START;

    CsvRecordFilter(Reader source, char delimiter, int maxRecordChars) {
        super(source, maxRecordChars);
        this.delimiter = delimiter;
    }

    @Override
    protected boolean endsRecord(char c) {
        boolean lineBreak = c == '\n' || c == '\r';
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                }
                return false;
            }
            case QUOTE_IN_QUOTED -> state = c == '"' ? State.QUOTED : c == delimiter ? State.FIELD_START : State.UNQUOTED;
            case FIELD_START -> state = c == '"' ? State.QUOTED : c == delimiter ? State.FIELD_START : State.UNQUOTED;
            case UNQUOTED -> state = c == delimiter ? State.FIELD_START : State.UNQUOTED;
        }
        if (lineBreak) {
            state = State.FIELD_START;
            return true;
        }
        return false;
    }

    @Override
    protected boolean inRecord() {
        return true;
    }

    @Override
    protected String marker() {
        return MARKER;
    }

    @Override
    protected void dropped(char c, StringBuilder replacement) {
        if (c == '\n' || c == '\r') {
            replacement.append(c);
        }
    }
}
