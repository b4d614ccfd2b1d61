package io.dataops.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) with our stable {@code code} and, for
 * field errors, one entry per field; for a fault in a file's content, its {@code line} and {@code column}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code,
                      List<FieldError> errors, Long line, Long column) {

    public Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
        this(type, title, status, detail, code, errors, null, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://dataops.io/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(ErrorCode code, String detail) {
        return of(code, detail, List.of());
    }

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + code.name().toLowerCase().replace('_', '-'), code.title(), code.status(),
                detail, code.name(), errors);
    }

    /** A fault at a position in a file's content (1-based line and column). */
    public static Problem at(ErrorCode code, String detail, long line, long column) {
        Problem problem = of(code, detail);
        return new Problem(problem.type(), problem.title(), problem.status(), detail, problem.code(), List.of(),
                line, column);
    }
}
