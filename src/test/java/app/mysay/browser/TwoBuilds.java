package app.mysay.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Two builds of MySay behind one address, as during a rolling deploy: instance A is the service under test, serving
 * the build the tests run against; instance B is the same service with the next build (made by {@link #nextBuild}).
 * Requests go to A, to B, or to each in turn ({@link Serving}); the API always reaches the service.
 *
 * <p>B answers exactly as the service would with B's files in place of A's: the service's own headers (security
 * headers, Cache-Control by address), B's file where B has it, and for a file B does not have, whatever the service
 * answers for a file it does not have (today the page, 200, by SPA routing; a 404 once the server says so), with B's
 * page in place of A's.
 */
final class TwoBuilds implements AutoCloseable {

    enum Serving { A, B, IN_TURN }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "accept-encoding", "keep-alive", "transfer-encoding", "te", "proxy-connection");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8", "html", "text/html;charset=UTF-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png");

    private final URI service;
    private final Path buildB;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong turn = new AtomicLong();
    volatile Serving serving = Serving.A;
    /** How many answers instance B gave. */
    final AtomicLong answeredByB = new AtomicLong();

    TwoBuilds(URI service, Path buildB) throws IOException {
        this.service = service;
        this.buildB = buildB.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The one address both instances are behind. */
    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /**
     * Builds the app in web/ again, with one visible change, into target/: the next release. The sources are copied
     * (web/node_modules is shared), the English welcome heading changed, and Vite run as the web build runs it.
     */
    static Path nextBuild(String welcomeTitle) throws IOException, InterruptedException {
        Path web = Paths.get("web").toAbsolutePath();
        Path copy = Paths.get("target", "next-build", "web").toAbsolutePath();
        Path out = Paths.get("target", "next-build", "dist").toAbsolutePath();
        deleteTree(copy.getParent());
        Files.createDirectories(copy);
        for (String name : List.of("index.html", "package.json", "tsconfig.json", "vite.config.ts", "src", "public", "sw")) {
            copyTree(web.resolve(name), copy.resolve(name));
        }
        Files.createSymbolicLink(copy.resolve("node_modules"), web.resolve("node_modules"));
        Path english = copy.resolve("src/i18n/en.json");
        String catalogue = Files.readString(english);
        String changed = catalogue.replace("\"welcome.title\": \"Hello, this is MySay\"", "\"welcome.title\": \"" + welcomeTitle + "\"");
        if (changed.equals(catalogue)) {
            throw new IllegalStateException("the English welcome heading was not found to change");
        }
        Files.writeString(english, changed);
        Process vite = new ProcessBuilder("node", "node_modules/vite/bin/vite.js", "build", "--logLevel", "warn",
                "--outDir", out.toString(), "--emptyOutDir")
                .directory(copy.toFile()).redirectErrorStream(true).start();
        String log = new String(vite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!vite.waitFor(3, TimeUnit.MINUTES) || vite.exitValue() != 0) {
            throw new IllegalStateException("the next build failed: " + log);
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        boolean api = path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/");
        boolean toB = !api && switch (serving) {
            case A -> false;
            case B -> true;
            case IN_TURN -> turn.getAndIncrement() % 2 == 1;
        };
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpResponse<byte[]> answer = forward(exchange, path + (query == null ? "" : "?" + query), body);
        if (!toB) {
            reply(exchange, answer.statusCode(), answer, null, answer.body());
            return;
        }
        answeredByB.incrementAndGet();
        Path file = path.equals("/") ? buildB.resolve("index.html") : buildB.resolve(path.substring(1)).normalize();
        if (file.startsWith(buildB) && Files.isRegularFile(file)) {
            reply(exchange, 200, answer, type(file), Files.readAllBytes(file));
            return;
        }
        // What the service answers for a file it does not have, with B's page where it answers with its page.
        HttpResponse<byte[]> missing = forward(exchange, notInAnyBuild(path), body);
        String type = missing.headers().firstValue("content-type").orElse("");
        if (missing.statusCode() == 200 && type.startsWith("text/html")) {
            reply(exchange, 200, answer, TYPES.get("html"), Files.readAllBytes(buildB.resolve("index.html")));
        } else {
            reply(exchange, missing.statusCode(), missing, null, missing.body());
        }
    }

    /** '/assets/index-Ab12.js' becomes '/assets/index-Ab12-not-in-any-build.js'; '/join' becomes '/join-not-in-any-build'. */
    static String notInAnyBuild(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(0, dot) + "-not-in-any-build" + path.substring(dot) : path + "-not-in-any-build";
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String pathAndQuery, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(pathAndQuery))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, HttpResponse<byte[]> headersFrom, String type, byte[] body)
            throws IOException {
        headersFrom.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            boolean describesBody = type != null && (lower.equals("content-type") || lower.equals("etag") || lower.equals("last-modified"));
            if (!NOT_RETURNED.contains(lower) && !describesBody && !lower.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        boolean empty = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length == 0 ? -1 : body.length);
        if (!empty && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
