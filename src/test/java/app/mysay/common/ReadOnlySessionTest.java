package app.mysay.common;

import static app.mysay.support.Api.inSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.accounts.StaffAccount;
import app.mysay.security.Role;
import app.mysay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * A read never writes: an entity changed by mistake during a read stays as it was in the database, where an ordinary
 * session (no transaction, so each statement commits by itself) writes the change when its next query auto-flushes.
 */
@QuarkusTest
class ReadOnlySessionTest {

    @Test
    void aChangeMadeDuringAReadIsNotWritten() {
        UUID id = Api.account(Role.CHAIR, "Before").id();

        inSession(() -> ReadOnlySession.reading(() -> changeThenQueryAgain(id)));

        assertEquals("Before", displayName(id));
    }

    @Test
    void anOrdinarySessionWouldHaveWrittenIt() {
        UUID id = Api.account(Role.CHAIR, "Before").id();

        inSession(() -> changeThenQueryAgain(id));

        assertEquals("Changed", displayName(id));
    }

    private static Uni<Long> changeThenQueryAgain(UUID id) {
        return StaffAccount.<StaffAccount>findById(id).flatMap(account -> {
            account.displayName = "Changed";
            return StaffAccount.count("role", Role.CHAIR);
        });
    }

    private static String displayName(UUID id) {
        return inSession(() -> StaffAccount.<StaffAccount>findById(id).map(a -> a.displayName));
    }
}
