package io.dataops.model.api;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;

import java.util.List;
import java.util.Map;

/**
 * A sort parameter such as {@code -uploaded_at}, checked against a whitelist that maps API names to columns,
 * so no request text ever reaches SQL.
 */
public record Sort(String column, boolean descending) {

    public static Sort parse(String parameter, Map<String, String> allowed, String defaultParameter) {
        String value = parameter == null || parameter.isBlank() ? defaultParameter : parameter.trim();
        boolean descending = value.startsWith("-");
        String key = descending || value.startsWith("+") ? value.substring(1) : value;
        String column = allowed.get(key);
        if (column == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Cannot sort by '" + key + "'",
                    List.of(new FieldError("sort", "must be one of " + allowed.keySet().stream().sorted().toList()
                            + ", optionally prefixed with -")));
        }
        return new Sort(column, descending);
    }

    public String toSql() {
        return column + (descending ? " DESC" : " ASC");
    }
}
