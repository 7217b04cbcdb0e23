package dev.backfire.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (zonky's bundled binaries) on loopback, with its data in a temporary folder
 * that {@link #close()} deletes. Runs as root too: zonky starts it in a user namespace.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts a server on a free loopback port and creates the given databases. */
    public static EmbeddedPostgres start(String... databases) {
        try {
            Path dir = Files.createTempDirectory("backfire-postgres-");
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setPort(FreePorts.next())
                    .start();
            EmbeddedPostgres pg = new EmbeddedPostgres(server, dir);
            pg.createDatabases(databases);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    private void createDatabases(String... databases) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : databases) {
                s.execute("CREATE DATABASE \"" + db + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases", e);
        }
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.deleteQuietly(dataDir);
        }
    }
}
