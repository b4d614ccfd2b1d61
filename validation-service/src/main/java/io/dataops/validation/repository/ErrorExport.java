package io.dataops.validation.repository;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.dataops.model.api.CsvCell;
import io.dataops.model.api.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes DATA_ERRORS rows as CSV straight from a forward-only JDBC cursor: rows are fetched {@link #FETCH_SIZE} at
 * a time and written as they come, so an export of millions of errors holds one fetch in memory, never the result.
 */
@ApplicationScoped
public class ErrorExport {
    /** API sort names to DATA_ERRORS columns: the same whitelist as the JSON list. */
    public static final Map<String, String> SORT_COLUMNS = Map.of("row_number", "row_number", "created_at", "created_at",
            "error_type", "error_type", "field_name", "field_name", "id", "id");
    static final int FETCH_SIZE = 500;
    static final String[] HEADER = {"id", "file_id", "job_id", "row_number", "field_name", "field_value", "error_type",
            "error_message", "raw_data", "created_at"};

    public record Filter(Long fileId, Long jobId, String errorType, String field) {
    }

    private final DataSource dataSource;

    public ErrorExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(Filter filter, Sort sort, OutputStream out) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (filter.fileId() != null) {
            where.add("source_file_id = ?");
            values.add(filter.fileId());
        }
        if (filter.jobId() != null) {
            where.add("job_id = ?");
            values.add(filter.jobId());
        }
        if (filter.errorType() != null) {
            where.add("error_type = ?");
            values.add(filter.errorType().toUpperCase(java.util.Locale.ROOT));
        }
        if (filter.field() != null) {
            where.add("field_name = ?");
            values.add(filter.field());
        }
        // sort.toSql() is a whitelisted column name and a direction, never request text
        String sql = "SELECT id, source_file_id, job_id, row_number, field_name, field_value, error_type, error_message,"
                + " raw_data, created_at FROM data_errors" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + sort.toSql() + ", id";
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             CsvWriter csv = CsvWriter.builder().build(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            s.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            csv.writeRecord(HEADER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp created = r.getTimestamp(10);
                    // every text column can carry an uploader's bytes (the error message quotes values too)
                    csv.writeRecord(Long.toString(r.getLong(1)), Long.toString(r.getLong(2)), Long.toString(r.getLong(3)),
                            Long.toString(r.getLong(4)), CsvCell.formulaSafe(r.getString(5)),
                            CsvCell.formulaSafe(r.getString(6)), CsvCell.formulaSafe(r.getString(7)),
                            CsvCell.formulaSafe(r.getString(8)), CsvCell.formulaSafe(r.getString(9)),
                            created == null ? null : created.toInstant().toString());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not export errors", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
