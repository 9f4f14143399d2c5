package dev.px0.store;

import java.util.Map;

import dev.px0.testing.TestStores;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A failed rollback never hides why the transaction failed (finding 9 of issue 14). */
class RowsTest {

    @Test
    void aFailedRollbackIsAttachedToTheOriginalErrorNotInItsPlace() {
        try (Database database = Database.connect(TestStores.get().settings(Map.of()).database())) {
            IllegalStateException original = new IllegalStateException("the work failed");

            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Rows.inTransaction(
                    database.client(), tx -> {
                        // the transaction's own connection dies: its rollback cannot succeed
                        try {
                            tx.get("SELECT pg_terminate_backend(pg_backend_pid())");
                        } catch (RuntimeException connectionGone) {
                            // expected: the server ended the session
                        }
                        throw original;
                    }));

            assertThat(thrown == original, is(true));
            assertThat("the rollback's failure travels with it", thrown.getSuppressed(), not(arrayWithSize(0)));
        }
    }
}
