package io.dataops.model.problem;

/**
 * The part of exception mapping that is the same in every service: which problem a failure becomes.
 * Framework exceptions are recognised by simple class name so this stays free of Quarkus types.
 */
public final class Problems {

    public static Problem from(Throwable failure) {
        // frameworks wrap the cause (a JSON syntax error arrives inside a processing exception): first match wins
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Problem problem = recognise(cause);
            if (problem != null) {
                return problem;
            }
        }
        return Problem.of(ErrorCode.INTERNAL_ERROR, "Something went wrong; the error was logged");
    }

    private static Problem recognise(Throwable failure) {
        if (failure instanceof ProblemException known) {
            return known.problem();
        }
        // a subclass counts as its parent: a truncated JSON body throws JsonEOFException, a JsonParseException
        for (Class<?> type = failure.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
            Problem problem = recognise(type.getSimpleName());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static Problem recognise(String simpleName) {
        return switch (simpleName) {
            case "UnauthorizedException", "AuthenticationFailedException", "AuthenticationCompletionException" ->
                    Problem.of(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
            case "ForbiddenException" -> Problem.of(ErrorCode.FORBIDDEN, "Your role does not allow this");
            case "NotFoundException" -> Problem.of(ErrorCode.NOT_FOUND, "No such resource");
            case "NotAllowedException" -> new Problem(Problem.of(ErrorCode.INVALID_REQUEST, "").type(),
                    "Method not allowed", 405, "This method is not allowed here", ErrorCode.INVALID_REQUEST.name(),
                    java.util.List.of());
            case "NotSupportedException" -> Problem.of(ErrorCode.UNSUPPORTED_FORMAT, "This content type is not accepted here");
            case "BadRequestException", "JsonParseException", "MismatchedInputException", "InvalidFormatException",
                 "ValueInstantiationException", "UnrecognizedPropertyException" ->
                    Problem.of(ErrorCode.INVALID_REQUEST, "The request body or parameters could not be read");
            default -> null;
        };
    }

    private Problems() {
    }
}
