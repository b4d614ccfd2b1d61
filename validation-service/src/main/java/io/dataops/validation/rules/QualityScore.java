package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A file run's quality (docs/validation-rules.md): completeness = non-empty cells / cells, validity = rows without
 * a validation error / rows, uniqueness = distinct non-empty natural keys / rows; score = their mean. Cells are the
 * target's columns of every row read (a malformed row's cells count as empty). Ratios have 4 decimals; a file
 * without rows scores 1 on each.
 */
public record QualityScore(long rows, long cells, long filledCells, long validRows, long distinctKeys,
                           BigDecimal completeness, BigDecimal validity, BigDecimal uniqueness, BigDecimal score) {

    public static QualityScore of(long rows, long cells, long filledCells, long validRows, long distinctKeys) {
        BigDecimal completeness = ratio(filledCells, cells);
        BigDecimal validity = ratio(validRows, rows);
        BigDecimal uniqueness = ratio(distinctKeys, rows);
        BigDecimal score = completeness.add(validity).add(uniqueness).divide(BigDecimal.valueOf(3), 4, RoundingMode.HALF_UP);
        return new QualityScore(rows, cells, filledCells, validRows, distinctKeys, completeness, validity, uniqueness, score);
    }

    /** The target's columns this row fills with something other than blanks. */
    public static int filledCells(TargetTable target, SourceRow row) {
        if (row.malformed() != null || row.values() == null) {
            return 0;
        }
        int filled = 0;
        for (Column column : target.columns()) {
            String value = row.values().get(column.name());
            if (value != null && !value.isBlank()) {
                filled++;
            }
        }
        return filled;
    }

    private static BigDecimal ratio(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ONE.setScale(4, RoundingMode.UNNECESSARY);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
