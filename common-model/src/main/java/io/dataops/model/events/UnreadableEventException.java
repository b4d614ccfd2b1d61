package io.dataops.model.events;

/** A message no version of its consumer will ever read: it belongs on the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
