package dev.px0.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

import dev.px0.telemetry.StoreSpans;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import io.opentelemetry.api.OpenTelemetry;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL for px0: a HikariCP pool behind Helidon's {@link DbClient}, and Flyway migrations.
 *
 * <p>The pool is handed to the JDBC client directly ({@link JdbcClientBuilder#connectionPool}), so no pool-provider
 * service registration is needed.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DbClient client;
    private final LongAdder statements = new LongAdder();

    private Database(HikariDataSource dataSource, OpenTelemetry telemetry) {
        this.dataSource = dataSource;
        JdbcConnectionPool pool = () -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new DbClientException("cannot get a database connection", e);
            }
        };
        this.client = JdbcClientBuilder.create().connectionPool(pool)
                .addService(statement -> {
                    statements.increment();
                    return statement;
                })
                .addService(StoreSpans.postgresql(telemetry))
                .build();
    }

    /** Statements run through this client since start (benchmarks count what a request costs). */
    public long statements() {
        return statements.sum();
    }

    /**
     * Applies pending migrations (under Flyway's lock, so several nodes may start at once), then opens the pool.
     * Migrations run on their own connection without the statement timeout.
     */
    public static Database migrateAndConnect(DatabaseSettings settings) {
        return migrateAndConnect(settings, OpenTelemetry.noop());
    }

    /** As {@link #migrateAndConnect(DatabaseSettings)}, with a span for every statement. */
    public static Database migrateAndConnect(DatabaseSettings settings, OpenTelemetry telemetry) {
        Flyway.configure()
                .dataSource(settings.url(), settings.username(), settings.password())
                .connectRetries(0)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return connect(settings, telemetry);
    }

    /** Opens the pool without migrating. Connections are made lazily, so this succeeds while PostgreSQL is down. */
    public static Database connect(DatabaseSettings settings) {
        return connect(settings, OpenTelemetry.noop());
    }

    /** As {@link #connect(DatabaseSettings)}, with a span for every statement. */
    public static Database connect(DatabaseSettings settings, OpenTelemetry telemetry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("px0-postgresql");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(-1);
        long connectSeconds = Math.max(1, settings.connectTimeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", connectSeconds);
        config.addDataSourceProperty("socketTimeout", settings.queryTimeout().toSeconds());
        config.addDataSourceProperty("ApplicationName", "px0");
        return new Database(new HikariDataSource(config), telemetry);
    }

    public DbClient client() {
        return client;
    }

    /** Whether PostgreSQL answers a trivial query within the configured timeouts. */
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid((int) Math.max(1, dataSource.getConnectionTimeout() / 1000));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
