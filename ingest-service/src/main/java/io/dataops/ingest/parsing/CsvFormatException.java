package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

/**
 * The file breaks CSV where no row can hold the fault: its header, or a quoted field left open to the end of the
 * file. The message is the described fault (code and position first), so a failed job's error and a preview's
 * problem say the same thing.
 */
public final class CsvFormatException extends FileFormatFault {
    private final String reason;

    public CsvFormatException(ErrorCode code, long line, long column, String reason) {
        super(code, line, column, described(code, line, column, reason), null);
        this.reason = reason;
    }

    @Override
    protected String reason() {
        return reason;
    }
}
