package io.dataops.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Jackson's failure to read a request body into a 400 {@code INVALID_REQUEST} whose {@code errors} name the
 * field by its JSON path ({@code validation_rules.email_format}, {@code rows[2].name}; {@code body} for the body as
 * a whole) and say what it must be (docs/errors.md, "What errors holds"). Plain Java over Jackson's exceptions, so a
 * unit test reads it without a server. The value sent is never echoed: it may be anything a client chose.
 */
public final class JsonBodyProblems {
    static final String DETAIL = "The request body does not have the shape this endpoint reads";

    private JsonBodyProblems() {
    }

    /**
     * The problem for the first failure to read input among {@code failure} and its causes, if there is one. Other
     * Jackson failures (writing an answer, say) are ours, not the client's, and stay a 500.
     */
    public static Optional<Problem> find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParseException || cause instanceof MismatchedInputException
                    || cause instanceof ValueInstantiationException) {
                return Optional.of(from((JsonProcessingException) cause));
            }
        }
        return Optional.empty();
    }

    public static Problem from(JsonProcessingException failure) {
        return Problem.of(ErrorCode.INVALID_REQUEST, DETAIL, List.of(fieldError(failure)));
    }

    static Problem.FieldError fieldError(JsonProcessingException failure) {
        if (failure instanceof JsonParseException syntax) {
            return new Problem.FieldError("body", "is not valid JSON" + position(syntax.getLocation()) + ": "
                    + firstLine(syntax.getOriginalMessage()));
        }
        if (!(failure instanceof JsonMappingException mapping)) {
            return new Problem.FieldError("body", "could not be read" + position(failure.getLocation()));
        }
        String field = path(mapping.getPath());
        if (failure instanceof PropertyBindingException unknown) {
            // only where unknown fields are refused (FAIL_ON_UNKNOWN_PROPERTIES): the field is the one not known
            return new Problem.FieldError(field, "is not a field of this request; known fields: "
                    + unknown.getKnownPropertyIds());
        }
        if (failure instanceof ValueInstantiationException invalid) {
            // a contract's own check (IllegalArgumentException) says why in words; anything else might name our classes
            return new Problem.FieldError(field, invalid.getCause() instanceof IllegalArgumentException reason
                    && reason.getMessage() != null ? "is not valid: " + firstLine(reason.getMessage()) : "is not valid");
        }
        if (failure instanceof MismatchedInputException mismatch) {
            String original = mismatch.getOriginalMessage();
            if (original != null && original.startsWith("Missing required creator property")) {
                // Jackson's path already ends at the missing property; its name is in the message too
                return new Problem.FieldError(field.equals("body") ? between(original, '\'') : field, "is required");
            }
            if (mismatch instanceof InvalidFormatException && mismatch.getTargetType() != null
                    && mismatch.getTargetType().isEnum()) {
                return new Problem.FieldError(field, "must be one of " + enumNames(mismatch.getTargetType()));
            }
            return new Problem.FieldError(field, "must be " + expected(mismatch.getTargetType()));
        }
        return new Problem.FieldError(field, "could not be read: " + firstLine(mapping.getOriginalMessage()));
    }

    /** The JSON path of the failed value: property names joined by dots, array positions in brackets. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What a value of this Java type looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO 8601 date-time string";
        }
        return "an object";
    }

    private static String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The message's first line, without Jackson's note of where the input came from. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        int end = message.length();
        for (String marker : new String[]{"\n", " (start marker at", " at [Source", "[Source"}) {
            int at = message.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String line = message.substring(0, end).strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static String between(String text, char quote) {
        int start = text.indexOf(quote);
        int end = start < 0 ? -1 : text.indexOf(quote, start + 1);
        return end < 0 ? "body" : text.substring(start + 1, end);
    }
}
