package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One parsed row. {@code rowNumber} is the line a user would open in the file (the header is line 1);
 * {@code values} maps lower-cased, trimmed column names to the text read; {@code raw} is the row as read.
 * {@code malformed} says why the parser could not split the row into the header's columns, else null;
 * {@code malformedType} is then the DATA_ERRORS error_type for it (absent: MALFORMED_ROW; RECORD_TOO_LARGE and
 * FIELD_TOO_LARGE when the row or a value was beyond ingest's limits, STRAY_QUOTE and TEXT_AFTER_QUOTE for a CSV row
 * with a misplaced quote; for these {@code values} is null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRow(long rowNumber, Map<String, String> values, String raw, String malformed,
                        String malformedType) {
    public SourceRow {
        if (values == null && malformed == null) {
            throw new IllegalArgumentException("row " + rowNumber + " has neither values nor a reason it is malformed");
        }
    }

    public SourceRow(long rowNumber, Map<String, String> values, String raw, String malformed) {
        this(rowNumber, values, raw, malformed, null);
    }

    public static SourceRow of(long rowNumber, Map<String, String> values, String raw) {
        return new SourceRow(rowNumber, values, raw, null);
    }
}
