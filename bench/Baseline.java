import io.dataops.ingest.parsing.CsvRowReader;
import io.dataops.loader.sql.MergeStatement;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.TargetTables;
import io.dataops.validation.rules.RowError;
import io.dataops.validation.rules.RowValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-process baseline of the benchmark: the pipeline's own parser, rules and MERGE, in one JVM, with no
 * Kafka, no ledgers and no events: parse, validate, JDBC batch into H2 (Oracle mode), errors included.
 * Usage: java -cp <classpath> bench/Baseline.java <customers.csv> <h2 dir>
 */
public class Baseline {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        String url = "jdbc:h2:file:" + Path.of(args[1]).toAbsolutePath() + "/baseline;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        ValidationRules rules = new ValidationRules(List.of("customer_code", "name"), List.of("email"), List.of("credit_limit"));
        RowValidator validator = new RowValidator(TargetTables.CUSTOMERS, rules);
        MergeStatement merge = new MergeStatement(TargetTables.CUSTOMERS);
        long started = System.nanoTime();
        long rows = 0;
        long rejected = 0;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            for (String migration : List.of("loader-service/src/main/resources/db/migration/V1__customers_orders.sql",
                    "loader-service/src/main/resources/db/migration/V2__duplicate_detection.sql",
                    "validation-service/src/main/resources/db/migration/V1__data_errors.sql")) {
                try (Statement s = c.createStatement()) {
                    for (String sql : Files.readString(Path.of(migration)).replaceAll("(?m)^--.*$", "").split(";")) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                }
            }
            c.commit();
            try (CsvRowReader reader = new CsvRowReader(Files.newBufferedReader(csv), ',');
                 PreparedStatement load = c.prepareStatement(merge.sql());
                 PreparedStatement error = c.prepareStatement("INSERT INTO data_errors (source_file_id, job_id, row_number,"
                         + " raw_data, error_type, error_message, field_name, field_value) VALUES (1, 1, ?, ?, ?, ?, ?, ?)")) {
                int inBatch = 0;
                while (reader.hasNext()) {
                    SourceRow row = reader.next();
                    rows++;
                    List<RowError> errors = validator.validate(row);
                    if (errors.isEmpty()) {
                        merge.bind(load, row, 1, 1);
                        load.addBatch();
                    } else {
                        rejected++;
                        for (RowError e : errors) {
                            error.setLong(1, row.rowNumber());
                            error.setString(2, row.raw());
                            error.setString(3, e.type().name());
                            error.setString(4, e.message());
                            error.setString(5, e.field());
                            error.setString(6, e.value());
                            error.addBatch();
                        }
                    }
                    if (++inBatch == 500) {
                        load.executeBatch();
                        error.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                load.executeBatch();
                error.executeBatch();
                c.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline rows=%d rejected=%d seconds=%.1f rows_per_s=%.0f%n", rows, rejected, seconds, rows / seconds);
    }
}
