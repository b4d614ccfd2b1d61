package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One parsed row. {@code rowNumber} is the line a user would open in the file (the header is line 1);
 * {@code values} maps lower-cased, trimmed column names to the text read; {@code raw} is the row as read.
 * {@code malformed} says why the parser could not split the row into the header's columns, else null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRow(long rowNumber, Map<String, String> values, String raw, String malformed) {

    public static SourceRow of(long rowNumber, Map<String, String> values, String raw) {
        return new SourceRow(rowNumber, values, raw, null);
    }
}
