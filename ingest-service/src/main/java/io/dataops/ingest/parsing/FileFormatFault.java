package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

/**
 * The file stops being rows at a known place (docs/input-formats.md): reading ends there and the rows before it stand.
 * {@link #code} is the stable code a preview answers and a failed job's error starts with; {@link #line} and
 * {@link #column} (both from 1, columns in characters) say where.
 */
public abstract class FileFormatFault extends RuntimeException {
    private final ErrorCode code;
    private final long line;
    private final long column;

    protected FileFormatFault(ErrorCode code, long line, long column, String message, Throwable cause) {
        super(message, cause);
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

    /** "JSON_SYNTAX_ERROR at line 3, column 19: Unrecognized token 'oops' ...": code first, so it can be searched for. */
    public String describe() {
        return described(code, line, column, reason());
    }

    /** What went wrong, without the code and position. */
    protected abstract String reason();

    static String described(ErrorCode code, long line, long column, String reason) {
        return code.name() + " at line " + line + ", column " + column + ": " + reason;
    }
}
