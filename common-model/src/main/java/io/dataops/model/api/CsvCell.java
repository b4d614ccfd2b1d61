package io.dataops.model.api;

/**
 * Text cells of a CSV export made safe to open in a spreadsheet (OWASP "CSV injection"): Excel, LibreOffice and
 * Google Sheets run a cell starting with {@code = + - @}, a tab or a carriage return as a formula, and error values
 * are whatever an uploader typed. Such a cell gets a leading single quote, which spreadsheets show as text.
 * A legitimate negative number in a text column ("-5") is exported as "'-5" too: the export is for people
 * reading errors, and a quote is cheaper than a formula that calls out to the web.
 */
public final class CsvCell {
    private CsvCell() {
    }

    public static String formulaSafe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
