package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

/**
 * The file stops being JSON rows at a known place (docs/input-formats.md): a syntax error, nesting beyond the limit,
 * a top-level value that holds no rows. The message is the parser's reason; {@link #describe()} adds code and place.
 */
public final class InvalidJsonException extends FileFormatFault {

    InvalidJsonException(ErrorCode code, String reason, long line, long column, Throwable cause) {
        super(code, line, column, reason, cause);
    }

    @Override
    protected String reason() {
        return getMessage();
    }
}
