package app.mysay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP receiver (the JDK's HttpServer) on a free port, standing in for the council's case-management system,
 * with the webhook pointed at it and a short back-off. It records every request as received, and answers 200 unless
 * a test has planned other answers for a conference. It can be stopped (the port closed) and started again on the
 * same port. Tests get it in a field annotated {@link InjectWebhookReceiver}.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "test-webhook-secret-0123456789-abcdefghijklmnop";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWebhookReceiver {
    }

    /** One request as it arrived. */
    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, byte[] body,
            int answered) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final Pattern CONFERENCE = Pattern.compile("\"conferenceId\":\"([0-9a-f-]{36})\"");

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> plans = new ConcurrentHashMap<>();
    private int port;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        port = freePort();
        up();
        return Map.of("mysay.webhook.url", "http://127.0.0.1:" + port + "/mysay-events",
                "mysay.webhook.secret", SECRET,
                "mysay.webhook.every", "0.5s",
                "mysay.webhook.backoff-base", "0.5S",
                "mysay.webhook.backoff-max", "1S",
                "mysay.webhook.connect-timeout", "2S",
                "mysay.webhook.send-timeout", "5S",
                "mysay.webhook.max-attempts", "4");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(InjectWebhookReceiver.class, WebhookReceiver.class));
    }

    @Override
    public void stop() {
        down();
    }

    /** Opens the port and answers again. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Closes the port: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The next requests about this conference are answered with these statuses, then 200 again. */
    public void plan(Object conferenceId, int... statuses) {
        Deque<Integer> plan = plans.computeIfAbsent(conferenceId.toString(), k -> new ArrayDeque<>());
        synchronized (plan) {
            for (int status : statuses) {
                plan.add(status);
            }
        }
    }

    /** Every request about this conference, in the order received. */
    public List<Received> about(Object conferenceId) {
        return received.stream().filter(r -> conferenceId.toString().equals(conferenceOf(r.body()))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String conference = conferenceOf(body);
        int status = 200;
        Deque<Integer> plan = conference == null ? null : plans.get(conference);
        if (plan != null) {
            synchronized (plan) {
                if (!plan.isEmpty()) {
                    status = plan.poll();
                }
            }
        }
        received.add(new Received(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, status));
        byte[] answer = ("{\"answered\":" + status + "}").getBytes();
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static String conferenceOf(byte[] body) {
        Matcher m = CONFERENCE.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
