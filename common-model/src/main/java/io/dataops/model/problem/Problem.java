package io.dataops.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) with our stable {@code code} and, for
 * field errors, one entry per field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code,
                      List<FieldError> errors) {

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
}
