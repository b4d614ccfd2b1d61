package io.dataops.model.security;

import java.util.List;

/** The three roles of docs/product-spec.md §13.2. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String ANALYST = "analyst";
    public static final String VIEWER = "viewer";

    public static final List<String> ALL = List.of(ADMIN, ANALYST, VIEWER);

    public static boolean isKnown(String role) {
        return ALL.contains(role);
    }

    private Roles() {
    }
}
