package dev.backfire.local.testing;

import dev.backfire.local.infra.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a real PostgreSQL for a {@code @QuarkusTest} and points the datasource at it. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String DATABASE = "backfire_test";
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedPostgres.start(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", EmbeddedPostgres.USER,
                "quarkus.datasource.password", EmbeddedPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
