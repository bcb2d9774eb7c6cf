package app.mysay.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * One instance of the packaged service ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM, in the production
 * profile, as a council runs it: its own HTTP and management ports, its log in {@code target/resilience/<name>.log}.
 */
final class AppInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The probes' timeoutSeconds in deploy/kubernetes/base/deployment.yaml. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private AppInstance(String name, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the instance; {@link #awaitReady} waits for it. */
    static AppInstance start(String name, Map<String, String> environment) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after `mvn package` (in `mvn verify`)");
        }
        int port = freePort();
        int managementPort = freePort();
        try {
            Path dir = Files.createDirectories(Path.of("target", "resilience"));
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            return new AppInstance(name, port, managementPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    String name() {
        return name;
    }

    /** Waits until the instance says it is ready (its database reachable), failing with its log's tail if it ends. */
    AppInstance awaitReady(Duration within) {
        if (neverReadyWithin(within)) {
            throw new AssertionError(name + (stopped() ? " stopped with exit code " + process.exitValue()
                    : " was not ready within " + within) + ":\n" + logTail());
        }
        return this;
    }

    /** Whether the instance never became ready in that time: it stopped, or it kept answering that it is not. */
    boolean neverReadyWithin(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return true;
            }
            if (ready()) {
                return false;
            }
            pause(Duration.ofMillis(200));
        }
        return true;
    }

    boolean stopped() {
        return !process.isAlive();
    }

    /** Whether the readiness check answers 200: on the management port where there is one, else on the HTTP port. */
    boolean ready() {
        return status(managementUrl("/q/health/ready")) == 200;
    }

    /**
     * Whether Kubernetes' liveness probe, as deploy/ sets it (3 s timeout), would pass: 200 in time. While the database
     * is away it must, or the instance would be restarted for nothing.
     */
    boolean livenessProbePasses() {
        return status(managementUrl("/q/health/live"), PROBE_TIMEOUT) == 200;
    }

    /**
     * Whether Kubernetes' readiness probe, as deploy/ sets it, would fail: an answer of 400 or more, or none within
     * 3 s (while the database is away, the check keeps trying to connect for longer than that, then answers 503).
     */
    boolean readinessProbeFails() {
        int status = status(managementUrl("/q/health/ready"), PROBE_TIMEOUT);
        return status < 0 || status >= 400;
    }

    /** A Prometheus counter or gauge summed over its series, from this instance's metrics. */
    double metric(String name) {
        String text = get(managementUrl("/q/metrics"));
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            found = true;
        }
        if (!found) {
            throw new AssertionError("No metric " + name + " on " + this.name);
        }
        return sum;
    }

    /** On the management port where there is one (its liveness answers without the database), else the HTTP port. */
    private String managementUrl(String path) {
        String base = "http://localhost:" + managementPort;
        return status(base + "/q/health/live") > 0 ? base + path : url() + path;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the instance to stop as Kubernetes does (SIGTERM), without waiting for it. */
    void askToStop() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int status(String url) {
        return status(url, Duration.ofSeconds(5));
    }

    private static int status(String url, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * What an instance needs to run in production against this database: its secrets, a first manager, a mail server
     * at {@code smtpPort} (which need not be listening), and no second factor, so that the tests can sign in.
     */
    static Map<String, String> productionEnvironment(Database database, String managerEmail, String managerPassword,
            int smtpPort) throws IOException, GeneralSecurityException {
        Map<String, String> env = new HashMap<>(database.environment());
        env.putAll(productionSecrets());
        env.put("MYSAY_BOOTSTRAP_MANAGER_EMAIL", managerEmail);
        env.put("MYSAY_BOOTSTRAP_MANAGER_PASSWORD", managerPassword);
        env.put("MYSAY_SECOND_FACTOR_REQUIRED", "false");
        env.put("MYSAY_PUBLIC_URL", "http://localhost");
        env.put("MYSAY_SMTP_HOST", "127.0.0.1");
        env.put("MYSAY_SMTP_PORT", String.valueOf(smtpPort));
        // The tests never reach the internet: no fetch of GOV.UK's bank holidays.
        env.put("MYSAY_BANK_HOLIDAYS_REFRESH_EVERY", "off");
        return env;
    }

    /** The keys production needs (a token key pair, an encryption keyset, an audit key), made for this run. */
    private static Map<String, String> productionSecrets() throws IOException, GeneralSecurityException {
        Path dir = Files.createDirectories(Path.of("target", "resilience", "secrets"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privateKey = dir.resolve("jwt-private.pem");
        Path publicKey = dir.resolve("jwt-public.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        AeadConfig.register();
        String keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        return Map.of("MYSAY_JWT_PRIVATE_KEY_LOCATION", privateKey.toAbsolutePath().toString(),
                "MYSAY_JWT_PUBLIC_KEY_LOCATION", publicKey.toAbsolutePath().toString(),
                "MYSAY_ENCRYPTION_KEYSET", keyset,
                "MYSAY_AUDIT_CHECKPOINT_KEY", java.util.HexFormat.of().formatHex(
                        java.security.SecureRandom.getInstanceStrong().generateSeed(32)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
