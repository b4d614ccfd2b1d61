package io.dataops.model.problem;

/**
 * Every stable error code an API answer can carry, with its HTTP status. docs/errors.md lists them for users;
 * a code, once published, keeps its meaning.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "The request is not valid"),
    EMPTY_FILE(400, "The file is empty"),
    UNKNOWN_TARGET(400, "Unknown target table"),
    RULE_FIELD_UNKNOWN(400, "A rule names a field the target does not have"),
    UNAUTHORIZED(401, "Authentication required"),
    INVALID_CREDENTIALS(401, "Wrong username or password"),
    TOKEN_REVOKED(401, "The token was revoked"),
    FORBIDDEN(403, "Permission denied"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "The resource is in a state that does not allow this"),
    FILE_TOO_LARGE(413, "The file is too large"),
    UNSUPPORTED_FORMAT(415, "Unsupported file format"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    UPSTREAM_UNAVAILABLE(503, "A service this request needs is unavailable"),
    RULE_TYPE_UNKNOWN(400, "Unknown validation rule type"),
    RULE_PARAMETERS_INVALID(400, "The rule's parameters are not valid for its type"),
    JOB_NOT_CANCELLABLE(409, "The job already finished and cannot be cancelled"),
    FILE_BUSY(409, "The file is being processed"),
    PATH_NOT_CANONICAL(400, "The request path is not written canonically"),
    /** A JSON file is not RFC 8259 JSON at a line and column (docs/input-formats.md); also a job's failure code. */
    JSON_SYNTAX_ERROR(400, "The file is not valid JSON"),
    JSON_TOO_DEEP(400, "The file's JSON nests too deep"),
    JSON_TOP_LEVEL_SCALAR(400, "The file's JSON holds no rows"),
    JSON_UNPAIRED_SURROGATE(400, "The file's JSON escapes half a surrogate pair"),
    JSON_VALUE_TOO_LONG(400, "The file's JSON has a value longer than a row may be"),
    /** A CSV file breaks RFC 4180 in a way no row can be read past (docs/input-formats.md); also a job's failure code. */
    CSV_UNTERMINATED_QUOTE(400, "A quoted CSV field is not closed before the end of the file"),
    CSV_MALFORMED_HEADER(400, "The CSV header row is not valid CSV"),
    CSV_EMPTY_HEADER(400, "A CSV header name is empty"),
    CSV_DUPLICATE_HEADER(400, "Two CSV header names are the same");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
