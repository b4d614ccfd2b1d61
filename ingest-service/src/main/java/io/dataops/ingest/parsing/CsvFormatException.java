package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

/**
 * The file breaks CSV where no row can hold the fault: its header, or a quoted field left open to the end of the
 * file. Reading stops; the rows before it stand. The message carries the code and the position, so a failed job's
 * error and a preview's problem say the same thing.
 */
public final class CsvFormatException extends RuntimeException {
    private final ErrorCode code;
    private final long line;
    private final long column;

    public CsvFormatException(ErrorCode code, long line, long column, String reason) {
        super(code.name() + " at line " + line + ", column " + column + ": " + reason);
        this.code = code;
        this.line = line;
        this.column = column;
    }

    public ErrorCode code() {
        return code;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
