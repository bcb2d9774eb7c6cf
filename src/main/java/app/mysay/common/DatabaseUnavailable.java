package app.mysay.common;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means PostgreSQL could not be reached (restarting, failing over, the network between): then the
 * answer is 503 with Retry-After, which a phone retries with the same Idempotency-Key, rather than a 500 that says
 * something is wrong with MySay itself. Nothing was saved by the failed request, so nothing is lost.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        if (failure != null) {
            todo.push(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            // SocketException covers a refused connection and one reset in the middle of a statement.
            if (t instanceof ClosedConnectionException || t instanceof SocketException
                    || t instanceof ClosedChannelException
                    || (t instanceof PgException pg && unavailable(pg.getSqlState()))
                    || (raisedByVertx(t) && connectionGone(t.getMessage()))
                    || (t instanceof IOException && raisedOnTheDatabaseSocket(t))) {
                return true;
            }
            if (t instanceof CompositeException composite) {
                composite.getCauses().forEach(todo::push);
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.push(suppressed);
            }
        }
        return false;
    }

    /**
     * What the Vert.x SQL client (4.5) says, with no exception type of its own, of a statement or a transaction whose
     * connection closed under it: the connection is closed, requests queued on it were never sent, or the transaction
     * was ended by that. ScaleOutAndFaultsIT met the last as a 500 in a crash. Used after a commit, the last could also
     * be a bug; it is then logged as the database being unavailable and answered 503, which a retry survives.
     */
    private static boolean connectionGone(String message) {
        return message != null && (message.startsWith("Connection is not active now")
                || message.startsWith("Pending requests failed to be sent due to connection has been closed")
                || message.equals("Transaction already completed"));
    }

    /**
     * The SQL client's own failures, told by their package rather than by Vert.x's internal exception type (which the
     * next Vert.x major moves), so that the same words from anything else are not mistaken for the database being away.
     */
    private static boolean raisedByVertx(Throwable t) {
        return t.getClass().getName().startsWith("io.vertx.");
    }

    /**
     * Netty reports a write to a socket the server has closed ("Broken pipe") or reset as a plain IOException, not a
     * SocketException. ScaleOutAndFaultsIT met it as a 500 when PostgreSQL crashed while a sending's statements were
     * being written. It counts only when the SQL client's connection raised it, so that an IOException from anything
     * else (a file, the mail server) is not mistaken for the database being away.
     */
    private static boolean raisedOnTheDatabaseSocket(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("io.vertx.sqlclient.") || type.startsWith("io.vertx.pgclient.")) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception) and 57P01..57P03 (the server shutting down, or not yet accepting). */
    private static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
