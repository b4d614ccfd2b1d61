import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives every service of the local stack its own user and schema in the one H2 database, the shape of production's
 * Oracle (docs/adr/0025-one-h2-server-schema-per-service.md). Run by ./dataops on every `up`, as the database's
 * admin, with the jar of the H2 server on the class path:
 *
 * <pre>java -cp h2.jar deploy/local/H2Schemas.java &lt;admin JDBC URL&gt; &lt;password dir&gt; GATEWAY INGEST ...</pre>
 *
 * The passwords are read from files (never from the command line, which other users of the machine can see):
 * {@code admin-password} and {@code <schema>-password} in the password directory, written by ./dataops. Idempotent:
 * users and schemas that exist keep their tables; their passwords are set to the files' again.
 */
public class H2Schemas {
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: H2Schemas <admin JDBC URL> <password dir> <SCHEMA>...");
        }
        Path passwords = Path.of(args[1]);
        try (Connection admin = DriverManager.getConnection(args[0], "SA", password(passwords, "admin"));
             Statement sql = admin.createStatement()) {
            // Database settings, persistent, admin only; the services' URLs name the same values, which H2 accepts
            // from a user without admin rights because nothing changes.
            // A commit is on disk before it returns (docs/adr/0002): a killed server must not lose commits whose
            // Kafka offsets the stages have already acknowledged.
            sql.execute("SET WRITE_DELAY 0");
            sql.execute("SET DEFAULT_NULL_ORDERING HIGH");
            for (int i = 2; i < args.length; i++) {
                String schema = args[i];
                if (!schema.matches("[A-Z][A-Z0-9_]*")) {
                    throw new IllegalArgumentException("not a schema name: " + schema);
                }
                String literal = "'" + password(passwords, schema.toLowerCase()).replace("'", "''") + "'";
                sql.execute("CREATE USER IF NOT EXISTS " + schema + " PASSWORD " + literal);
                sql.execute("ALTER USER " + schema + " SET PASSWORD " + literal);
                // The owner may create, read and change everything in its schema and nothing anywhere else: H2 grants
                // a user without admin rights no access to objects of a schema it does not own.
                sql.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + schema);
            }
        }
    }

    private static String password(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name + "-password")).strip();
    }
}
