package dev.px0.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/** Small helpers over Helidon DbClient rows and transactions. */
public final class Rows {

    private Rows() {
    }

    /** A timestamptz column as an Instant, whichever type the driver hands back. */
    public static Instant instant(DbRow row, String column) {
        Object value = row.column(column).get();
        return switch (value) {
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
        };
    }

    /** A nullable column as a String. */
    public static String string(DbRow row, String column) {
        return row.column(column).asOptional().map(Object::toString).orElse(null);
    }

    /** Maps every row of a query and closes the query (its statement, and its connection outside a transaction). */
    public static <T> List<T> list(Stream<DbRow> rows, Function<DbRow, T> mapper) {
        try (rows) {
            return rows.map(mapper).toList();
        }
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws. The work's exception
     * is what the caller gets; should the rollback fail too (the connection died, say), its failure is attached as
     * suppressed, never in the original's place.
     */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException | Error rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        tx.commit();
        return result;
    }
}
