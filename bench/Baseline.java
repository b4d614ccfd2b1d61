import io.dataops.ingest.parsing.CsvRowReader;
import io.dataops.loader.sql.LoadStatements;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.TargetTables;
import io.dataops.validation.rules.RowError;
import io.dataops.validation.rules.RowValidator;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-process baseline of the benchmark: the pipeline's own parser, rules and load statement, in one JVM,
 * with no Kafka, no ledgers and no events: parse, validate, load batches of 500 rows over JDBC, errors included.
 * It runs against the database the stack uses (the local H2 server, in a schema of its own) or, where the stack has
 * no server, an H2 file of its own; either way in Oracle mode with durable commits.
 * <p>
 * Usage: {@code java -cp <the services' jars> bench/Baseline.java <customers.csv> <jdbc url> [user [password file]]}.
 * Prints rows/s and the CPU seconds this JVM spent on the file (the database server's, if any, are counted by
 * bench/run.sh).
 */
public class Baseline {
    static final int BATCH = 500;

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        String url = args[1];
        String user = args.length > 2 ? args[2] : "sa";
        String password = args.length > 3 ? Files.readString(Path.of(args[3])).trim() : "";
        ValidationRules rules = new ValidationRules(List.of("customer_code", "name"), List.of("email"), List.of("credit_limit"));
        RowValidator validator = new RowValidator(TargetTables.CUSTOMERS, rules);
        long rows = 0;
        long rejected = 0;
        long started;
        long cpuStarted;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            createSchema(c, url.startsWith("jdbc:h2:tcp:"));
            started = System.nanoTime();
            cpuStarted = cpuNanos();
            try (CsvRowReader reader = new CsvRowReader(Files.newBufferedReader(csv), ',');
                 CustomerLoad load = new CustomerLoad(c);
                 PreparedStatement error = c.prepareStatement("INSERT INTO data_errors (source_file_id, job_id, row_number,"
                         + " raw_data, error_type, error_message, field_name, field_value) VALUES (1, 1, ?, ?, ?, ?, ?, ?)")) {
                List<SourceRow> batch = new ArrayList<>(BATCH);
                int inBatch = 0;
                while (reader.hasNext()) {
                    SourceRow row = reader.next();
                    rows++;
                    List<RowError> errors = validator.validate(row);
                    if (errors.isEmpty()) {
                        batch.add(row);
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
                    if (++inBatch == BATCH) {
                        load.write(batch);
                        error.executeBatch();
                        c.commit();
                        batch.clear();
                        inBatch = 0;
                    }
                }
                load.write(batch);
                error.executeBatch();
                c.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (cpuNanos() - cpuStarted) / 1e9;
        System.out.printf("baseline rows=%d rejected=%d seconds=%.1f rows_per_s=%.0f cpu_s=%.1f%n",
                rows, rejected, seconds, rows / seconds, cpu);
    }

    /**
     * One batch of valid rows into CUSTOMERS with the loader's own statement class, taken from the loader's jar: when
     * the loader's statement changes, this is the one place the baseline follows it.
     */
    static final class CustomerLoad implements AutoCloseable {
        private final LoadStatements statements = new LoadStatements(TargetTables.CUSTOMERS);
        private final PreparedStatement statement;

        CustomerLoad(Connection c) throws SQLException {
            // the loader's new-rows statement, run the way the loader runs it: a JDBC batch of a one-row INSERT
            statement = c.prepareStatement(statements.insertSql(1));
        }

        void write(List<SourceRow> rows) throws SQLException {
            for (SourceRow row : rows) {
                statements.bindRow(statement, 1, row, 1, 1);
                statement.addBatch();
            }
            statement.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    /** Every loader migration, so CUSTOMERS has the loader's columns and indexes, in version order. */
    static List<Path> loaderMigrations() throws java.io.IOException {
        try (var files = Files.list(Path.of("loader-service/src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString()
                            .substring(1, f.getFileName().toString().indexOf("__")))))
                    .toList();
        }
    }

    /** The loader's migrations and validation's DATA_ERRORS; on a shared server in a schema BASELINE, emptied first. */
    static void createSchema(Connection c, boolean sharedServer) throws Exception {
        try (Statement s = c.createStatement()) {
            if (sharedServer) {
                s.execute("DROP SCHEMA IF EXISTS baseline CASCADE");
                s.execute("CREATE SCHEMA baseline");
                s.execute("SET SCHEMA baseline");
            }
            List<Path> migrations = new ArrayList<>(loaderMigrations());
            migrations.add(Path.of("validation-service/src/main/resources/db/migration/V1__data_errors.sql"));
            for (Path migration : migrations) {
                for (String sql : Files.readString(migration).replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
        }
        c.commit();
    }

    /** CPU time of this whole JVM (every thread: the work, the JIT compilers, the collector). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
