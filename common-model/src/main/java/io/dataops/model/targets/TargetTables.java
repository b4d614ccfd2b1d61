package io.dataops.model.targets;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every target table files can be loaded into (seed section 5.1). */
public final class TargetTables {

    public static final TargetTable CUSTOMERS = new TargetTable("customers", "customer_code", List.of(
            Column.text("customer_code", 20, true),
            Column.text("name", 100, true),
            Column.text("email", 100, false),
            Column.text("phone", 20, false),
            Column.text("country", 50, false),
            Column.text("segment", 50, false),
            Column.decimal("credit_limit", 12, 2, false)));

    private static final Map<String, TargetTable> BY_NAME = Map.of(CUSTOMERS.name(), CUSTOMERS);

    public static Optional<TargetTable> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase()));
    }

    public static TargetTable require(String name) {
        return find(name).orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_TARGET,
                "Unknown target table '" + name + "'; known: " + BY_NAME.keySet().stream().sorted().toList()));
    }

    private TargetTables() {
    }
}
