package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.ChildRows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the elements of one nested array (an order's items) against the child table's column definitions. An
 * element's errors belong to the parent row: the parent's row number, the field as a path ({@code items[1].qty},
 * positions from 0). Any of them rejects the parent with all its elements, because children load only with their
 * parent (ADR orders-child-tables).
 */
final class ChildValidator {
    private final ChildArray child;
    private final RowValidator elements;

    ChildValidator(ChildArray child) {
        this.child = child;
        this.elements = new RowValidator(child.table(), ValidationRules.none());
    }

    List<RowError> validate(SourceRow parent) {
        String text = parent.values().get(child.field());
        List<Map<String, String>> values;
        try {
            values = ChildRows.parse(text);
        } catch (ChildRows.NotAnArrayException e) {
            return List.of(new RowError(parent.rowNumber(), child.field(), text, ErrorType.TYPE,
                    child.field() + " " + e.getMessage()));
        }
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (RowError error : elements.validate(new SourceRow(parent.rowNumber(), values.get(i), null, null))) {
                String path = child.path(i, error.field());
                errors.add(new RowError(parent.rowNumber(), path, error.value(), error.type(),
                        child.path(i, null) + ": " + error.message()));
            }
        }
        return errors;
    }
}
