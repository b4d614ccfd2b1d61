package io.dataops.model.api;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** A checked page request: page from 1, limit from 1 to {@link #MAX_LIMIT}; anything else is a 400. */
public record PageRequest(int page, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(Integer page, Integer limit) {
        int p = page == null ? 1 : page;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        List<FieldError> errors = new ArrayList<>();
        if (p < 1) {
            errors.add(new FieldError("page", "must be 1 or more"));
        }
        if (l < 1 || l > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Invalid paging parameters", errors);
        }
        return new PageRequest(p, l);
    }

    public int offset() {
        return (page - 1) * limit;
    }
}
