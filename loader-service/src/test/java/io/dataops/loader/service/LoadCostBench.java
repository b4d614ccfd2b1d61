package io.dataops.loader.service;

import io.dataops.loader.sql.LoadStatements;
import io.dataops.loader.sql.MergeStatement;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.TargetTables;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test: what writing a batch of 500 new customers costs the loader's thread (CPU) and the process (CPU of the
 * loader and, for TCP, the in-process H2 server) per batch, the MERGE JDBC batch the loader used before against the
 * JDBC batch of INSERTs (no read before the write) it uses now, on an embedded H2 and over H2's TCP protocol. Run with
 * {@code ./mvnw -B -o -pl loader-service -am test -Dtest=LoadCostBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.loader=true}.
 */
@EnabledIfSystemProperty(named = "bench.loader", matches = "true")
class LoadCostBench {
    private static final int ROWS = 500;
    private static final int WARM_UP = 30;
    private static final int MEASURED = 60;

    private interface Write {
        void batch(Connection c, RowBatch batch, List<Candidate> rows) throws SQLException;
    }

    @Test
    void prints_the_cost_of_a_batch_of_500_customers() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try {
            for (String where : List.of("embedded", "tcp")) {
                for (int round = 1; round <= 2; round++) {
                    for (String how : List.of("merge-batch (before)", "insert batch (now)")) {
                        String name = (where + how + round).replaceAll("[^a-z0-9]", "");
                        String url = where.equals("tcp")
                                ? "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name
                                : "jdbc:h2:mem:" + name;
                        measure(where + ", " + how, url + ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH",
                                how.startsWith("merge") ? LoadCostBench::mergeBatch : LoadCostBench::multiRowInsert);
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    private static void mergeBatch(Connection c, RowBatch batch, List<Candidate> rows) throws SQLException {
        MergeStatement merge = new MergeStatement(TargetTables.CUSTOMERS, LoadMode.INSERT);
        try (PreparedStatement s = c.prepareStatement(merge.sql())) {
            for (Candidate candidate : rows) {
                merge.bind(s, candidate.row(), batch.fileId(), batch.jobId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static final BatchWriter WRITER = new BatchWriter(new ChildWriter());
    private static final LoadStatements CUSTOMERS = new LoadStatements(TargetTables.CUSTOMERS);

    private static void multiRowInsert(Connection c, RowBatch batch, List<Candidate> rows) throws SQLException {
        WRITER.write(c, CUSTOMERS, batch, rows);
    }

    private static void measure(String label, String url, Write write) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            migrate(c);
            long thread = 0;
            long process = 0;
            long wall = 0;
            for (int b = 0; b < WARM_UP + MEASURED; b++) {
                List<Candidate> rows = new ArrayList<>();
                for (int i = 0; i < ROWS; i++) {
                    Map<String, String> values = new LinkedHashMap<>();
                    String code = "B" + b + "-" + i;
                    values.put("customer_code", code);
                    values.put("name", "Customer " + code);
                    values.put("email", code.toLowerCase() + "@example.com");
                    values.put("phone", "+1-555-0100");
                    values.put("country", "Japan");
                    values.put("segment", "enterprise");
                    values.put("credit_limit", "50000.00");
                    rows.add(new Candidate(SourceRow.of(b * ROWS + i + 2L, values, code), List.of()));
                }
                RowBatch batch = new RowBatch(1, 1, "customers", ValidationRules.none(), b + 1,
                        rows.stream().map(Candidate::row).toList(), LoadMode.INSERT);
                long t0 = threads.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                write.batch(c, batch, rows);
                c.commit();
                if (b >= WARM_UP) {
                    thread += threads.getCurrentThreadCpuTime() - t0;
                    process += os.getProcessCpuTime() - p0;
                    wall += System.nanoTime() - w0;
                }
            }
            System.out.printf("LOAD-COST %-40s per batch of %d: loader thread CPU %6.2f ms, process CPU %6.2f ms,"
                            + " wall %6.2f ms%n", label, ROWS, thread / 1e6 / MEASURED, process / 1e6 / MEASURED,
                    wall / 1e6 / MEASURED);
        }
    }

    private static void migrate(Connection c) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"));
             Statement s = c.createStatement()) {
            for (Path file : files.sorted().toList()) {
                for (String sql : Files.readString(file).replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
        }
        c.commit();
    }
}
