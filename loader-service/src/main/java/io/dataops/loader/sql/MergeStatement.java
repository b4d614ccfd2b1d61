package io.dataops.loader.sql;

import io.dataops.model.events.LoadMode;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.Reference;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The MERGE that loads rows of one target, built from its definition. INSERT mode inserts when the natural key is
 * new and leaves the stored row alone when it exists (update count 0), so loading the same rows again changes
 * nothing. UPSERT mode also updates a stored row that came from another file; a row from the same file is still
 * left alone, so a re-run changes nothing there either. Each row records the file, job and row number that wrote
 * it, which tells a re-run from a duplicate. A {@link Reference} with an id column is filled with the referenced
 * row's id by a scalar subquery (the caller has checked that the referenced row exists).
 * <p>
 * Every bound value is CAST because Oracle and H2 cannot otherwise type parameters in a USING select. Text is cast
 * to VARCHAR2(4000 CHAR), not to the column's length: H2 (Oracle mode) silently truncates an over-long value in a
 * CAST, while the column itself refuses it, and a refused row must be rejected, never stored cut short.
 */
public final class MergeStatement {
    static final String PROVENANCE = "source_file_id, load_job_id, load_row_number";

    private final TargetTable target;
    private final LoadMode mode;
    private final String sql;

    public MergeStatement(TargetTable target, LoadMode mode) {
        this.target = target;
        this.mode = mode;
        List<String> source = new ArrayList<>();
        List<String> names = new ArrayList<>();
        target.columns().forEach(c -> {
            source.add("CAST(? AS " + castType(c) + ") AS " + c.name());
            names.add(c.name());
        });
        for (Reference reference : idReferences()) {
            Column column = target.column(reference.column()).orElseThrow();
            source.add("(SELECT r.id FROM " + reference.table() + " r WHERE r." + reference.key() + " = CAST(? AS "
                    + castType(column) + ")) AS " + reference.idColumn());
            names.add(reference.idColumn());
        }
        String columns = String.join(", ", names);
        String values = names.stream().map(n -> "s." + n).collect(Collectors.joining(", "));
        String key = target.naturalKey();
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(target.name()).append(" t USING (SELECT ")
                .append(String.join(", ", source))
                .append(", CAST(? AS NUMBER(19)) AS source_file_id, CAST(? AS NUMBER(19)) AS load_job_id,")
                .append(" CAST(? AS NUMBER(19)) AS load_row_number FROM dual) s")
                .append(" ON (t.").append(key).append(" = s.").append(key).append(")");
        if (mode == LoadMode.UPSERT) {
            // Oracle cannot update a column of the ON clause; the key is equal anyway
            String set = names.stream().filter(n -> !n.equals(key)).map(n -> n + " = s." + n)
                    .collect(Collectors.joining(", "));
            sql.append(" WHEN MATCHED THEN UPDATE SET ").append(set)
                    .append(", source_file_id = s.source_file_id, load_job_id = s.load_job_id,")
                    .append(" load_row_number = s.load_row_number")
                    .append(" WHERE t.source_file_id IS NULL OR t.source_file_id <> s.source_file_id");
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT (").append(columns).append(", ").append(PROVENANCE)
                .append(") VALUES (").append(values).append(", s.source_file_id, s.load_job_id, s.load_row_number)");
        this.sql = sql.toString();
    }

    public MergeStatement(TargetTable target) {
        this(target, LoadMode.INSERT);
    }

    /** The type a bound value is CAST to in a USING select (see the class comment for text). */
    static String castType(Column column) {
        return switch (column.type()) {
            case TEXT -> "VARCHAR2(4000 CHAR)";
            default -> column.sqlType();
        };
    }

    private List<Reference> idReferences() {
        return target.references().stream().filter(r -> r.idColumn() != null).toList();
    }

    public String sql() {
        return sql;
    }

    public LoadMode mode() {
        return mode;
    }

    public TargetTable target() {
        return target;
    }

    /** Who wrote the row holding a natural key. */
    public String provenanceQuery() {
        return "SELECT " + PROVENANCE + " FROM " + target.name() + " WHERE " + target.naturalKey() + " = ?";
    }

    /** The surrogate id of the row holding a natural key (the parent id of child rows). */
    public String idQuery() {
        return "SELECT id FROM " + target.name() + " WHERE " + target.naturalKey() + " = ?";
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
            bindValue(statement, index++, column, row.values().get(column.name()));
        }
        for (Reference reference : idReferences()) {
            bindValue(statement, index++, target.column(reference.column()).orElseThrow(),
                    row.values().get(reference.column()));
        }
        statement.setLong(index++, fileId);
        statement.setLong(index++, jobId);
        statement.setLong(index, row.rowNumber());
    }

    /** Binds a file's text as the column's type: blank is NULL, numbers and dates are parsed. */
    public static void bindValue(PreparedStatement statement, int index, Column column, String raw) throws SQLException {
        String value = raw == null || raw.isBlank() ? null : raw.trim();
        if (value == null) {
            statement.setNull(index, switch (column.type()) {
                case TEXT -> Types.VARCHAR;
                case DATE -> Types.DATE;
                default -> Types.NUMERIC;
            });
            return;
        }
        try {
            switch (column.type()) {
                case TEXT -> statement.setString(index, value);
                case INTEGER -> statement.setLong(index, new BigDecimal(value).longValueExact());
                case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(value));
                case DATE -> statement.setObject(index, LocalDate.parse(value));
                case BOOLEAN -> statement.setInt(index, Boolean.parseBoolean(value) || "1".equals(value) ? 1 : 0);
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            // validation checks types first; a value that still cannot be read is refused like the database would
            throw new SQLDataException("Value for column \"" + column.name().toUpperCase(java.util.Locale.ROOT)
                    + "\" cannot be read as " + column.type(), "22018");
        }
    }
}
