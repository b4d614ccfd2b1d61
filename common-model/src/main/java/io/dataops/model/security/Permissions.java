package io.dataops.model.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permission matrix of docs/product-spec.md §13.2, kept once. The gateway writes a user's permissions into the
 * token's {@code groups} claim next to the role, so every service checks {@code @RolesAllowed(FILES_READ)}
 * against the same signed list without a copy of this table.
 */
public final class Permissions {
    public static final String FILES_READ = "files:read";
    public static final String FILES_CREATE = "files:create";
    public static final String FILES_PROCESS = "files:process";
    public static final String FILES_DELETE = "files:delete";
    public static final String JOBS_READ = "jobs:read";
    public static final String JOBS_CREATE = "jobs:create";
    public static final String JOBS_CANCEL = "jobs:cancel";
    public static final String REPORTS_READ = "reports:read";
    public static final String REPORTS_CREATE = "reports:create";
    public static final String DATA_READ = "data:read";
    public static final String DATA_EXPORT = "data:export";
    public static final String RULES_MANAGE = "rules:manage";
    public static final String USERS_MANAGE = "users:manage";
    public static final String AUDIT_READ = "audit:read";

    public static final List<String> ALL = List.of(FILES_READ, FILES_CREATE, FILES_PROCESS, FILES_DELETE,
            JOBS_READ, JOBS_CREATE, JOBS_CANCEL, REPORTS_READ, REPORTS_CREATE, DATA_READ, DATA_EXPORT,
            RULES_MANAGE, USERS_MANAGE, AUDIT_READ);

    private static final Map<String, List<String>> MATRIX = Map.of(
            Roles.ADMIN, ALL,
            Roles.ANALYST, List.of(FILES_READ, FILES_CREATE, FILES_PROCESS, JOBS_READ, JOBS_CREATE,
                    REPORTS_READ, REPORTS_CREATE, DATA_READ, DATA_EXPORT),
            Roles.VIEWER, List.of(FILES_READ, JOBS_READ, REPORTS_READ, DATA_READ));

    /** The role itself plus every permission it grants; unknown roles grant nothing. */
    public static Set<String> groupsFor(String role) {
        Set<String> groups = new TreeSet<>();
        if (!MATRIX.containsKey(role)) {
            return groups;
        }
        groups.add(role);
        groups.addAll(MATRIX.get(role));
        return groups;
    }

    public static boolean allows(String role, String permission) {
        return MATRIX.getOrDefault(role, List.of()).contains(permission);
    }

    private Permissions() {
    }
}
