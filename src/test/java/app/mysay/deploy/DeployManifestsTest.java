package app.mysay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.mysay.support.Commands;
import app.mysay.support.Commands.Result;

/**
 * The deployment files in deploy/ (Kubernetes manifests built with kustomize, compose.yaml) are checked by
 * deploy/check/check.mjs; this runs it in the build, and proves on broken copies that it does fail. A plain JUnit
 * test: no application start. Needs node and npm on the PATH, as the web app's build does.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy").toAbsolutePath();
    private static final Path CHECK = DEPLOY.resolve("check");

    @BeforeAll
    static void installTheCheckersTools() throws Exception {
        Path lock = CHECK.resolve("package-lock.json");
        // npm writes node_modules/.package-lock.json at each install: older than the lock file means stale.
        Path installed = CHECK.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Result npm = Commands.run(CHECK, 600, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, npm.exitCode(), "npm ci in deploy/check failed:\n" + npm.output());
        }
    }

    @Test
    void theDeploymentFilesAreValid() throws Exception {
        Result check = check(DEPLOY);
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("deploy/ is valid"), check.output());
        assertTrue(check.output().contains("checked kubernetes/overlays/production"), check.output());
        assertTrue(check.output().contains("checked compose.yaml"), check.output());
    }

    /** One change to one file of deploy/, and what the check must then say. */
    record Breakage(String file, String from, String to, String expected) {
    }

    // Each is applied to the same copy, and the check run once, to keep the build quick; each has its own message.
    private static final List<Breakage> BREAKAGES = List.of(
            new Breakage("kubernetes/base/deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesytem: true",
                    "unknown field /spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem"),
            new Breakage("kubernetes/overlays/production/database.yaml", "  walStorage:", "  walStorrage:",
                    "overlays/production Cluster mysay-db: unknown field /spec/walStorrage"),
            new Breakage("kubernetes/base/deployment.yaml", """
                              livenessProbe:
                                httpGet:
                                  path: /q/health/live
                                  port: management
                                periodSeconds: 20
                                timeoutSeconds: 3
                                failureThreshold: 3
                    """, "", "no livenessProbe"),
            new Breakage("kubernetes/base/deployment.yaml", """
                                  path: /q/health/ready
                                  port: management
                    """, """
                                  path: /q/health/ready
                                  port: http
                    """, "readinessProbe must be GET /q/health/ready on the management port (9000)"),
            new Breakage("kubernetes/base/deployment.yaml", "- name: MYSAY_ENCRYPTION_KEYSET_LOCATION",
                    "- name: MYSAY_ENCRYPTION_KEY_SET_LOCATION",
                    "environment variable MYSAY_ENCRYPTION_KEY_SET_LOCATION: the app reads no such setting"),
            new Breakage("kubernetes/base/deployment.yaml", "key: username", "key: login",
                    "Secret mysay-smtp key login is not documented in deploy/README.md"),
            new Breakage("kubernetes/overlays/production/kustomization.yaml", "cnpg.io/cluster: mysay-db",
                    "cnpg.io/cluster: mysay-database",
                    "the app's NetworkPolicy must let it reach the pods of Cluster mysay-db on 5432"),
            new Breakage("kubernetes/base/deployment.yaml", "  revisionHistoryLimit: 5", "  replicas: 2\n  revisionHistoryLimit: 5",
                    "replicas 2 in the Deployment: leave the count to the HorizontalPodAutoscaler"),
            new Breakage("kubernetes/components/production/hpa-patch.yaml", "minReplicas: 3", "minReplicas: 1",
                    "the autoscaler must keep at least 2 replicas"),
            new Breakage("compose.yaml", "    cap_drop:", "    cap_dorp:",
                    "/services/app must NOT have additional properties (cap_dorp)"),
            new Breakage("compose.yaml", "      PGUSER: mysay\n", "      PGUSER: mysay\n      PGPASSWORD: hunter2\n",
                    "PGPASSWORD in compose.yaml: put it in app.env or a secret file"),
            new Breakage("compose.yaml", "      QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: ${MYSAY_TRUSTED_PROXIES:-172.31.253.1}\n", "",
                    "compose.yaml: proxy address forwarding without QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"),
            new Breakage("kubernetes/base/kustomization.yaml", "      - QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=10.244.0.0/16\n", "",
                    "proxy address forwarding without QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: callers could choose"));

    @Test
    void aSingleMisspeltFieldFailsTheCheck(@TempDir Path copy) throws Exception {
        copyDeploy(copy);
        apply(copy, BREAKAGES.get(0));
        assertFails(check(copy), BREAKAGES.get(0).expected());
    }

    @Test
    void everyBreakageIsCaught(@TempDir Path copy) throws Exception {
        copyDeploy(copy);
        for (Breakage breakage : BREAKAGES) {
            apply(copy, breakage);
        }
        Result check = check(copy);
        for (Breakage breakage : BREAKAGES) {
            assertFails(check, breakage.expected());
        }
    }

    private static void apply(Path copy, Breakage breakage) throws IOException {
        Path target = copy.resolve(breakage.file());
        String before = Files.readString(target, StandardCharsets.UTF_8);
        String after = before.replace(breakage.from(), breakage.to());
        assertNotEquals(before, after, "the test's change did not apply to " + breakage.file());
        Files.writeString(target, after, StandardCharsets.UTF_8);
    }

    private static void assertFails(Result check, String expected) {
        assertEquals(1, check.exitCode(), "the check passed a broken copy of deploy/:\n" + check.output());
        assertTrue(check.output().contains(expected), "expected \"" + expected + "\" in:\n" + check.output());
    }

    private static void copyDeploy(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path source : (Iterable<Path>) files.filter(p -> !p.startsWith(CHECK))::iterator) {
                Path target = copy.resolve(DEPLOY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Result check(Path deployDir) throws Exception {
        return Commands.run(CHECK, 300, "node", "check.mjs", "--deploy-dir", deployDir.toString());
    }
}
