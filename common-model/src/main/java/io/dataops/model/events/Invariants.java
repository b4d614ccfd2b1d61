package io.dataops.model.events;

import java.util.Collection;

/** The checks the events' constructors share; a broken message fails its decode with the sentence given here. */
final class Invariants {
    private Invariants() {
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    static void notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    static void present(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    static void noNulls(String name, Collection<?> values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (Object value : values) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not contain null");
            }
        }
    }
}
