package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

/**
 * The file stops being JSON rows at a known place (docs/input-formats.md): a syntax error, nesting beyond the limit,
 * a top-level value that holds no rows. Reading ends there; {@link #code} is the stable code preview and the job
 * report, {@link #line} and {@link #column} (both from 1, columns in characters) say where.
 */
public final class InvalidJsonException extends RuntimeException {
    private final ErrorCode code;
    private final long line;
    private final long column;

    InvalidJsonException(ErrorCode code, String reason, long line, long column, Throwable cause) {
        super(reason, cause);
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
        return code.name() + " at line " + line + ", column " + column + ": " + getMessage();
    }
}
