package io.dataops.model.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of every event, used by producers and consumers alike. Unknown properties are ignored so
 * a producer may add a field before its consumers know it.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** JSON never starts with a NUL character, so this prefix cannot be mistaken for an event. */
    private static final String OVERSIZED = "\u0000oversized:";

    /** What a consumer receives instead of a value too large to decode (see BoundedStringDeserializer). */
    public static String oversized(long bytes, long limit) {
        return OVERSIZED + bytes + ":" + limit;
    }

    /**
     * @throws UnreadableEventException when the text is not a {@code type} this version knows, breaks the type's
     *                                  invariants (checked in the records' constructors) or was too large to read.
     */
    public static <T> T decode(String json, Class<T> type) {
        if (json == null) {
            throw new UnreadableEventException(type.getSimpleName() + ": the message has no value", null);
        }
        if (json.startsWith(OVERSIZED)) {
            String[] sizes = json.substring(OVERSIZED.length()).split(":");
            throw new UnreadableEventException(type.getSimpleName() + ": the message has " + sizes[0]
                    + " bytes, more than the limit of " + sizes[1] + " bytes", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private EventCodec() {
    }
}
