package io.dataops.loader.mapping;

import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * The MERGE that loads rows of one target, built from its definition: insert when the natural key is new, leave
 * the stored row alone when it exists (update count 0), so loading the same rows again changes nothing. Each row
 * records the file, job and row number that inserted it, which tells a re-run from a duplicate.
 * Every bound value is CAST to its column type because Oracle and H2 cannot otherwise type parameters in a
 * USING select.
 */
public final class MergeStatement {
    private static final String PROVENANCE = "source_file_id, load_job_id, load_row_number";

    private final TargetTable target;
    private final String sql;

    public MergeStatement(TargetTable target) {
        this.target = target;
        String source = target.columns().stream()
                .map(c -> "CAST(? AS " + c.sqlType() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        String columns = target.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        String values = target.columns().stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        this.sql = "MERGE INTO " + target.name() + " t USING (SELECT " + source
                + ", CAST(? AS NUMBER(19)) AS source_file_id, CAST(? AS NUMBER(19)) AS load_job_id,"
                + " CAST(? AS NUMBER(19)) AS load_row_number FROM dual) s"
                + " ON (t." + target.naturalKey() + " = s." + target.naturalKey() + ")"
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ", " + PROVENANCE + ") VALUES (" + values
                + ", s.source_file_id, s.load_job_id, s.load_row_number)";
    }

    public String sql() {
        return sql;
    }

    /** Who inserted the row holding a natural key. */
    public String provenanceQuery() {
        return "SELECT " + PROVENANCE + " FROM " + target.name() + " WHERE " + target.naturalKey() + " = ?";
    }

    public String naturalKeyOf(SourceRow row) {
        String key = row.values().get(target.naturalKey());
        return key == null ? null : key.trim();
    }

    public String naturalKeyName() {
        return target.naturalKey();
    }

    /** Binds one validated row; values were checked against the same column types by validation-service. */
    public void bind(PreparedStatement statement, SourceRow row, long fileId, long jobId) throws SQLException {
        int index = 1;
        for (Column column : target.columns()) {
            String value = row.values().get(column.name());
            String trimmed = value == null || value.isBlank() ? null : value.trim();
            bindValue(statement, index++, column, trimmed);
        }
        statement.setLong(index++, fileId);
        statement.setLong(index++, jobId);
        statement.setLong(index, row.rowNumber());
    }

    private static void bindValue(PreparedStatement statement, int index, Column column, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (column.type()) {
                case TEXT -> Types.VARCHAR;
                case DATE -> Types.DATE;
                default -> Types.NUMERIC;
            });
            return;
        }
        switch (column.type()) {
            case TEXT -> statement.setString(index, value);
            case INTEGER -> statement.setLong(index, Long.parseLong(value));
            case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(value));
            case DATE -> statement.setObject(index, LocalDate.parse(value));
            case BOOLEAN -> statement.setInt(index, Boolean.parseBoolean(value) || "1".equals(value) ? 1 : 0);
        }
    }
}
