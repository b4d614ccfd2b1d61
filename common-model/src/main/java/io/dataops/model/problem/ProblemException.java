package io.dataops.model.problem;

import java.util.List;

/** A domain failure that the caller caused or must know about; each service maps it to its problem body. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ProblemException(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(code.name() + ": " + detail);
        this.problem = Problem.of(code, detail, errors);
    }

    /** Carries a problem another component already built (e.g. TokenStatus's refusal). */
    public ProblemException(Problem problem) {
        super(problem.code() + ": " + problem.detail());
        this.problem = problem;
    }

    /** A fault at a line and column of a file's content (a CSV or JSON syntax error). */
    public static ProblemException at(ErrorCode code, String detail, long line, long column) {
        return new ProblemException(Problem.at(code, detail, line, column));
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }
}
