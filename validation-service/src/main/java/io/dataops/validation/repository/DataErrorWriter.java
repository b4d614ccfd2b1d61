package io.dataops.validation.repository;

import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;

/**
 * Writes DATA_ERRORS rows in one JDBC batch; rule errors and the loader's rejects have the same shape. Texts are
 * clipped to their columns: a value refused as too large can be larger than field_value holds.
 */
@ApplicationScoped
public class DataErrorWriter {
    private final Sql sql;

    public DataErrorWriter(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void insert(long fileId, long jobId, List<RejectedRow> rows) {
        sql.batch("INSERT INTO data_errors (source_file_id, job_id, row_number, raw_data, error_type, error_message,"
                        + " field_name, field_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows,
                row -> new Object[]{fileId, jobId, row.rowNumber(), row.raw(), row.errorType(),
                        clip(row.message(), 1000), clip(row.field(), 50), clip(row.value(), 500)});
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
