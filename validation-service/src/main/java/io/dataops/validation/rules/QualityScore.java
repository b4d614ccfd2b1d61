package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A file run's quality (docs/validation-rules.md): completeness = non-empty cells / cells, validity = rows without
 * a validation error / rows, uniqueness = distinct keys / rows, where distinct keys = rows with a non-blank natural
 * key less the loader's in-file duplicates ({@link #distinctKeysOf}); score = their mean. Cells are the target's
 * columns of every row read (a malformed row's cells count as empty). Ratios have 4 decimals; a file without rows
 * scores 1 on each.
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

    /**
     * Distinct natural keys of a run without storing them: the keyed rows ({@link #countsAsKey}), less the rows the
     * loader rejected because a lower row of the same file holds the key. A repeat of a row validation rejected for
     * another reason never reaches the loader, so it is not taken off (docs/validation-rules.md).
     */
    public static long distinctKeysOf(long keyedRows, long inFileDuplicates) {
        return Math.max(0, keyedRows - inFileDuplicates);
    }

    /**
     * Whether the row counts towards the distinct keys before the loader's duplicates: it has a non-blank natural key
     * (a malformed row has none) that validation did not already find repeated (a unique rule on the key).
     */
    public static boolean countsAsKey(TargetTable target, SourceRow row, List<RowError> errors) {
        if (row.malformed() != null || row.values() == null) {
            return false;
        }
        String key = row.values().get(target.naturalKey());
        return key != null && !key.isBlank() && errors.stream()
                .noneMatch(e -> e.type() == ErrorType.DUPLICATE && target.naturalKey().equals(e.field()));
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
