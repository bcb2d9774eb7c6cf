package app.mysay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server (the JDK's) on a free local port standing in for GOV.UK's bank-holidays.json, so that no test
 * reaches the internet, with {@code mysay.bank-holidays-refresh.url} pointed at it. It answers every GET with the
 * status and body a test last set, and counts the requests. Tests get it in a field annotated {@link InjectLocalGovUk}.
 */
public final class LocalGovUk implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectLocalGovUk {
    }

    private HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(503, ""));
    private final AtomicInteger requests = new AtomicInteger();

    private record Answer(int status, String body) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/bank-holidays.json", exchange -> {
            requests.incrementAndGet();
            Answer a = answer.get();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return Map.of("mysay.bank-holidays-refresh.url", url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalGovUk.class, LocalGovUk.class));
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bank-holidays.json";
    }

    public void answer(int status, String body) {
        answer.set(new Answer(status, body));
    }

    public int requests() {
        return requests.get();
    }
}
