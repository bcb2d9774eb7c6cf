package app.mysay.resilience;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.mysay.support.Commands;
import io.restassured.http.ContentType;

/**
 * MySay reaching PostgreSQL over TLS with the server's certificate checked, with the settings the production overlay
 * gives it for CloudNativePG and deploy/README.md gives for a managed database: the packaged service, in the
 * production profile, against the throwaway cluster of {@code pg_virtualenv} serving a certificate from a test
 * authority. It connects when it trusts that authority and reaches the server by the name on the certificate; it
 * never connects otherwise, neither its SQL client nor its migrations.
 */
class DatabaseTlsIT {

    private static final Duration START = Duration.ofSeconds(120);
    /** Long enough for several of the readiness check's tries, each of which would connect if it could. */
    private static final Duration REFUSED_FOR = Duration.ofSeconds(20);
    private static final String MANAGER_EMAIL = "first.manager@tls.mysay.example";
    private static final String PASSWORD = "a long enough password for tests";
    private static final String SERVER_FILES = "mysay-test-server";

    private static Path certificates;
    private static Path dataDirectory;
    private static Database database;
    private static Map<String, String> production;
    private final List<AppInstance> started = new ArrayList<>();

    @BeforeAll
    static void serveTlsWithATestAuthority() throws Exception {
        assumeTrue(Database.throwawayCluster().isPresent(),
                "needs the throwaway PostgreSQL of `pg_virtualenv mvn verify`, whose TLS settings it changes");
        certificates = Files.createDirectories(Path.of("target", "resilience", "db-tls")).toAbsolutePath();
        authority("trusted-ca");
        authority("other-ca");
        serverCertificate("trusted-ca", "localhost");

        // PostgreSQL reads its key only if the server's own user owns it and no one else may read it.
        dataDirectory = Path.of(Database.setting("data_directory"));
        UserPrincipal owner = Files.getOwner(dataDirectory);
        for (String ending : List.of(".crt", ".key")) {
            Path target = dataDirectory.resolve(SERVER_FILES + ending);
            Files.copy(certificates.resolve("server" + ending), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            if (!Files.getOwner(target).equals(owner)) {
                Files.setOwner(target, owner);
            }
        }
        Database.administer("alter system set ssl_cert_file = '" + SERVER_FILES + ".crt'",
                "alter system set ssl_key_file = '" + SERVER_FILES + ".key'", "alter system set ssl = on",
                "select pg_reload_conf()");
        Instant deadline = Instant.now().plusSeconds(10);
        while (!"on".equals(Database.setting("ssl")) || !Database.setting("ssl_cert_file").startsWith(SERVER_FILES)) {
            assertTrue(Instant.now().isBefore(deadline), "PostgreSQL turned TLS on with the test's certificate");
            AppInstance.pause(Duration.ofMillis(200));
        }

        database = Database.fresh("mysay_database_tls_it");
        production = AppInstance.productionEnvironment(database, MANAGER_EMAIL, PASSWORD, AppInstance.freePort());
        production.put("PGHOST", "localhost");
    }

    @AfterEach
    void stopInstances() {
        started.forEach(AppInstance::close);
    }

    @AfterAll
    static void serveAsBefore() throws IOException {
        if (database == null) {
            return;
        }
        database.drop();
        Database.administer("alter system reset ssl", "alter system reset ssl_cert_file",
                "alter system reset ssl_key_file", "select pg_reload_conf()");
        AppInstance.pause(Duration.ofSeconds(1));
        for (String ending : List.of(".crt", ".key")) {
            Files.deleteIfExists(dataDirectory.resolve(SERVER_FILES + ending));
        }
    }

    @Test
    void trustingTheServersAuthorityAndReachingItByItsNameEveryConnectionIsEncrypted() {
        AppInstance instance = start("tls-trusted", tls("trusted-ca", "localhost", "trusted-ca")).awaitReady(START);
        given().baseUri(instance.url()).contentType(ContentType.JSON)
                .body(Map.of("email", MANAGER_EMAIL, "password", PASSWORD)).post("/api/auth/sign-in")
                .then().statusCode(200);

        String connections = "select count(*) from pg_stat_activity a join pg_stat_ssl s on s.pid = a.pid "
                + "where a.datname = ? and a.backend_type = 'client backend'";
        assertTrue(Database.serverCount(connections + " and s.ssl", database.name()) >= 1,
                "the service's connections to its database");
        assertEquals(0, Database.serverCount(connections + " and not s.ssl", database.name()),
                "none of them without TLS");
    }

    @Test
    void aServerCertifiedByAnAuthorityTheServiceDoesNotTrustIsNeverUsed() {
        assertTheSqlClientNeverConnects(start("tls-other-authority", tls("other-ca", "localhost", "trusted-ca")));
    }

    @Test
    void aServerReachedByANameNotOnItsCertificateIsNeverUsed() {
        assertTheSqlClientNeverConnects(start("tls-wrong-name", tls("trusted-ca", "127.0.0.1", "trusted-ca")));
    }

    private void assertTheSqlClientNeverConnects(AppInstance instance) {
        assertTrue(instance.neverReadyWithin(REFUSED_FOR), "never ready:\n" + instance.logTail());
        assertTrue(instance.logText().contains("SSL handshake failed"), "refused by TLS:\n" + instance.logTail());
        // The migrations' connections (JDBC, which trusts the right authority here) may stay in their pool for a
        // while; none of the SQL client's, and none at all without TLS.
        String kept = Database.serverText("select coalesce(string_agg(a.application_name || ' (' || a.state || ', ' "
                + "|| coalesce(left(a.query, 80), '') || ')', '; '), '') from pg_stat_activity a join pg_stat_ssl s "
                + "on s.pid = a.pid where a.datname = ? and a.backend_type = 'client backend' "
                + "and (a.application_name <> 'PostgreSQL JDBC Driver' or not s.ssl)", database.name());
        assertEquals("", kept, "no connection of the SQL client's, and none without TLS");
    }

    @Test
    void theMigrationsRefuseAServerTheyCannotVerifyAndTheServiceDoesNotStart() {
        AppInstance instance = start("tls-migrations-other-authority", tls("trusted-ca", "localhost", "other-ca"));
        assertTrue(instance.neverReadyWithin(START), "never ready:\n" + instance.logTail());
        assertTrue(instance.stopped(), "the service stopped rather than run without its migrations");
        assertTrue(instance.logText().contains("PKIX path building failed"), "refused by TLS:\n" + instance.logTail());
    }

    /**
     * The settings deploy/ gives: the SQL client verifies the server's certificate against {@code clientTrusts}'s
     * authority and its name against {@code host}; the migrations (JDBC) against {@code migrationsTrust}'s.
     */
    private static Map<String, String> tls(String clientTrusts, String host, String migrationsTrust) {
        Map<String, String> env = new HashMap<>(production);
        String port = production.get("PGPORT");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":" + port + "/" + database.name());
        env.put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full");
        env.put("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        env.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "true");
        env.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", certificates.resolve(clientTrusts + ".crt")
                .toString());
        // As the manifest writes it: the app fills in the PG* variables.
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://${PGHOST}:${PGPORT}/${PGDATABASE}"
                + "?sslmode=verify-full&sslrootcert=" + certificates.resolve(migrationsTrust + ".crt"));
        return env;
    }

    private AppInstance start(String name, Map<String, String> environment) {
        AppInstance instance = AppInstance.start(name, environment);
        started.add(instance);
        return instance;
    }

    // ---- a test certificate authority, with openssl ----

    private static void authority(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=MySay test " + name,
                "-keyout", name + ".key", "-out", name + ".crt");
    }

    private static void serverCertificate(String authority, String hostName) throws IOException, InterruptedException {
        Files.writeString(certificates.resolve("server.ext"), "subjectAltName=DNS:" + hostName + "\n"
                + "extendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + hostName, "-keyout", "server.key",
                "-out", "server.csr");
        openssl("x509", "-req", "-in", "server.csr", "-CA", authority + ".crt", "-CAkey", authority + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        Commands.run(certificates, 60, Commands.line("openssl", arguments)).succeeded();
    }
}
