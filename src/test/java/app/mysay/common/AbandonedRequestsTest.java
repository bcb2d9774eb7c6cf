package app.mysay.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Waiting;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Path;

/**
 * Phones on a poor signal give up on requests all the time. A request whose client goes away must still finish its
 * database work and give its connection back: otherwise each one can leave a connection in the pool holding an open
 * transaction (quarkusio/quarkus#51576, hibernate/hibernate-reactive#4133), and after as many as the pool holds the
 * service stops answering. Every resource is therefore {@code @Cancellable(false)}: a request runs to its end whether
 * or not anyone is still waiting for the answer. (With Hibernate Reactive 3.1.8 the first test passed here before
 * that change too: it guards against the leak coming back, and the second keeps every resource marked.)
 */
@QuarkusTest
class AbandonedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsWhoseClientsGoAwayFinishTheirWorkAndGiveTheirConnectionsBack() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Rae", Api.family(socialWorker), null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        String sendPath = "/api/child/conferences/" + conference + "/views/send";
        String body = JSON.writeValueAsString(Api.views("Abandoned on a bus", "Nothing", "To be heard"));

        // Three times the pool's size of sendings and reads, each given up by its client at once or a moment later.
        List<String> keys = new ArrayList<>();
        List<Thread> phones = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String key = UUID.randomUUID().toString();
            keys.add(key);
            phones.add(new Thread(() -> abandon("POST", sendPath, login.token(), key, body)));
            phones.add(new Thread(() -> abandon("GET",
                    "/api/conferences/" + conference + "/children/" + child + "/views", chair.token(), null, null)));
        }
        phones.forEach(Thread::start);
        for (Thread phone : phones) {
            phone.join();
        }

        // No connection is left holding a transaction nobody will finish.
        Waiting.await("no connection idle in a transaction", AbandonedRequestsTest::idleInTransaction, n -> n == 0);
        // The service still answers more at once than its pool holds.
        List<Integer> answers = Waiting.concurrently(30, i -> Api.as(chair)
                .get("/api/conferences/" + conference + "/children/" + child + "/views").statusCode());
        assertEquals(30, answers.stream().filter(s -> s == 200).count(), "answers: " + answers);

        // Nothing lost, nothing twice: each given-up sending, retried with its key, is exactly one version.
        for (String key : keys) {
            int status = Api.send(Api.as(login), sendPath, key, JSON.readValue(body, Map.class)).statusCode();
            assertEquals(201, status);
        }
        long versions = Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from views where child_id = :child and status = 'SENT'", Long.class)
                .setParameter("child", child).getSingleResult()));
        assertEquals(keys.size(), versions);
    }

    @Test
    void everyResourceRunsItsWorkToTheEnd() throws Exception {
        List<String> cancellable = new ArrayList<>();
        try (var classes = java.nio.file.Files.walk(java.nio.file.Path.of("target", "classes", "app", "mysay"))) {
            for (java.nio.file.Path file : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = java.nio.file.Path.of("target", "classes").relativize(file).toString()
                        .replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    org.jboss.resteasy.reactive.server.Cancellable marker =
                            type.getAnnotation(org.jboss.resteasy.reactive.server.Cancellable.class);
                    if (marker == null || marker.value()) {
                        cancellable.add(type.getSimpleName());
                    }
                }
            }
        }
        assertEquals(List.of(), cancellable, "resources a client going away can cut off mid-transaction");
    }

    private static long idleInTransaction() {
        return Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() "
                        + "and state like 'idle in transaction%' and pid <> pg_backend_pid()", Long.class)
                .getSingleResult()));
    }

    /** Sends a request on a raw connection and drops the connection without reading the answer. */
    private static void abandon(String method, String path, String token, String idempotencyKey, String body) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Accept: application/json\r\n");
        if (idempotencyKey != null) {
            request.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\n").append("Content-Length: ").append(content.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 30));
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // the point is to go away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
