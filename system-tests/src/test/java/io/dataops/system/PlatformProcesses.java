package io.dataops.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs ./dataops exactly as a user would, against its own var directory and ports offset by {@link #PORT_OFFSET},
 * so a stack a developer has running is left alone. Processes are named as ./dataops names them: a service
 * ({@code validation}) or a further replica of a stage ({@code validation-2}).
 */
final class PlatformProcesses {
    private static PlatformProcesses shared;
    /** 300 by default; DATAOPS_E2E_PORT_OFFSET moves it so two checkouts can run their system tests at once. */
    static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("DATAOPS_E2E_PORT_OFFSET", "300"));
    static final String ADMIN_PASSWORD = "e2e-root-password-" + Long.toHexString(System.nanoTime());
    /** Upload limit of the test stack: low enough that HostileInputIT can cross it cheaply, far above CrashSafetyIT's file. */
    static final long MAX_FILE_SIZE = 48L * 1024 * 1024;

    private final Path root = Path.of(System.getProperty("dataops.root", ".."));
    private final Path var = Path.of(System.getProperty("dataops.var", "target/e2e-var")).toAbsolutePath();

    /** One platform for every test class of the run, started on first use and stopped when the JVM exits. */
    static synchronized PlatformProcesses shared() {
        if (shared == null) {
            PlatformProcesses platform = new PlatformProcesses();
            platform.up();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::down, "dataops-down"));
            shared = platform;
        }
        return shared;
    }

    static int port(int base) {
        return base + PORT_OFFSET;
    }

    void up() {
        run(List.of("./dataops", "down"), 120);
        deleteRecursively(var);
        run(List.of("./dataops", "up"), 420);
    }

    void down() {
        run(List.of("./dataops", "down"), 120);
    }

    /** SIGKILL, as a crashed node or an OOM kill would: no shutdown hook, no graceful close. */
    void kill(String process) {
        ProcessHandle handle = process(process);
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /**
     * Runs as many replicas of the stages as given, e.g. {@code scale("validation=2", "loader=2")}: ./dataops scale
     * starts the missing ones (waiting until they are ready) and stops the highest-numbered extra ones.
     */
    void scale(String... replicas) {
        List<String> command = new java.util.ArrayList<>(List.of("./dataops", "scale"));
        command.addAll(List.of(replicas));
        run(command, 300);
    }

    /** SIGTERM, as ./dataops down would: the service closes its database and consumers before it exits. */
    void stop(String service) {
        ProcessHandle process = process(service);
        process.destroy();
        process.onExit().join();
    }

    private ProcessHandle process(String name) {
        try {
            long pid = Long.parseLong(Files.readString(var.resolve("run").resolve(name + ".pid")).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The schema of one service ({@code "loader"}) in the stack's H2 server, read as the database's admin (whose
     * password ./dataops writes to var/h2/admin-password), whether the service runs or not: unqualified table names
     * are that service's tables.
     */
    Connection database(String service) {
        return connect(";SCHEMA=" + service.toUpperCase(java.util.Locale.ROOT));
    }

    /** The whole H2 database as its admin: tables must be named with their schema, e.g. {@code LOADER.customers}. */
    Connection database() {
        return connect("");
    }

    private Connection connect(String schema) {
        try {
            String password = Files.readString(var.resolve("h2").resolve("admin-password")).strip();
            return DriverManager.getConnection(databaseUrl() + schema, "SA", password);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the stack's H2 database as its admin", e);
        }
    }

    /** The JDBC URL of the stack's H2 server, with the settings ./dataops gives every service. */
    static String databaseUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port(9094) + "/dataops;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=60000";
    }

    /** The password ./dataops generated for a service's database user ({@code "ingest"}). */
    String databasePassword(String service) {
        try {
            return Files.readString(var.resolve("h2").resolve(service + "-password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts one stopped service or replica again the way a user would: ./dataops up for just that process. */
    void start(String process) {
        run(List.of("./dataops", "up"), 300, Map.of("DATAOPS_ONLY", process));
    }

    Path workDir() {
        return var;
    }

    Path sampleData(String name) {
        return root.resolve("sample_data").resolve(name);
    }

    private void run(List<String> command, int timeoutSeconds) {
        run(command, timeoutSeconds, Map.of());
    }

    private void run(List<String> command, int timeoutSeconds, Map<String, String> extraEnv) {
        try {
            Path output = Files.createTempFile("dataops-e2e", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("DATAOPS_VAR_DIR", var.toString());
            env.put("DATAOPS_PORT_OFFSET", Integer.toString(PORT_OFFSET));
            env.put("DATAOPS_SKIP_BUILD", "1");
            env.put("DATAOPS_ADMIN_PASSWORD", ADMIN_PASSWORD);
            // one test user polls far faster than a person: the per-user API limit is not under test here
            env.put("DATAOPS_GATEWAY_RATE_LIMIT_API_PER_MINUTE", "1000000");
            // every suite signs its users in from 127.0.0.1 within a minute or two; the gateway's own tests (and
            // none here) prove the login limits, which would otherwise answer these sign-ins 429
            env.put("DATAOPS_GATEWAY_RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE", "10000");
            env.put("DATAOPS_GATEWAY_RATE_LIMIT_LOGIN_PER_USERNAME_PER_MINUTE", "10000");
            env.put("DATAOPS_INGEST_MAX_FILE_SIZE", Long.toString(MAX_FILE_SIZE));
            env.putAll(extraEnv);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(output));
            }
            String log = Files.readString(output);
            System.out.println(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ":\n" + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        File file = dir.toFile();
        if (!file.exists()) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
