package app.mysay.security;

import static app.mysay.security.AuthorizationMatrixTest.Who.ADV1;
import static app.mysay.security.AuthorizationMatrixTest.Who.ADV2;
import static app.mysay.security.AuthorizationMatrixTest.Who.CHAIR1;
import static app.mysay.security.AuthorizationMatrixTest.Who.CHAIR2;
import static app.mysay.security.AuthorizationMatrixTest.Who.CHILD_ALPHA;
import static app.mysay.security.AuthorizationMatrixTest.Who.CHILD_CAL;
import static app.mysay.security.AuthorizationMatrixTest.Who.MANAGER;
import static app.mysay.security.AuthorizationMatrixTest.Who.SW1;
import static app.mysay.security.AuthorizationMatrixTest.Who.SW2;
import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.children.Child;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Object-level authorization, role by role, against the caller's own objects and everyone else's.
 * <p>
 * The world (built through the API, once per test class; the list test builds a second, untouched one):
 * <pre>
 *   family F1, social worker SW1:  Alpha (advocate ADV1) and her sibling Bea (no advocate)
 *                                  conference K1, chaired by CHAIR1, about Alpha and Bea
 *   family F2, social worker SW2:  Cal (advocate ADV2)
 *                                  conference K2, chaired by CHAIR2, about Cal
 *   MANAGER;  the children Alpha and Cal signed in on their own devices.
 *   Alpha, Bea and Cal have each sent views, with words unique to this run.
 * </pre>
 * Anything a caller may not see answers 404 problem+json (never 403, never the data); a role that can never use an
 * endpoint gets 403 problem+json. Every answer, allowed or not, is searched for the names, case references, family
 * references and words of the children the caller may not see.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final int OK = 200;
    static final int CREATED = 201;
    static final int NO_CONTENT = 204;
    static final int ROLE_REFUSED = 403;
    static final int HIDDEN = 404;
    /** The decision endpoint answers 409 to its own chair before the conference starts: authorised, but too early. */
    static final int AUTHORISED_BUT_TOO_EARLY = 409;

    private static final String PROBLEMS = "https://mysay.example/problems/";
    private static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "instance", "requestId");

    enum Kid {
        ALPHA, BEA, CAL
    }

    /** Everyone who calls, and which children each of them may see. */
    enum Who {
        SW1("SOCIAL_WORKER allocated to Alpha and Bea", Kid.ALPHA, Kid.BEA),
        SW2("SOCIAL_WORKER allocated to Cal", Kid.CAL),
        CHAIR1("CHAIR of K1 (Alpha and Bea)", Kid.ALPHA, Kid.BEA),
        CHAIR2("CHAIR of K2 (Cal)", Kid.CAL),
        ADV1("ADVOCATE allocated to Alpha", Kid.ALPHA),
        ADV2("ADVOCATE allocated to Cal", Kid.CAL),
        MANAGER("MANAGER"),
        CHILD_ALPHA("CHILD Alpha", Kid.ALPHA),
        CHILD_CAL("CHILD Cal", Kid.CAL);

        final String label;
        final Set<Kid> maySee;

        Who(String label, Kid... maySee) {
            this.label = label;
            this.maySee = maySee.length == 0 ? EnumSet.noneOf(Kid.class) : EnumSet.copyOf(Arrays.asList(maySee));
        }

        boolean isChild() {
            return this == CHILD_ALPHA || this == CHILD_CAL;
        }
    }

    /** Request bodies; built from the world so that they are valid and cannot fail validation before authorization. */
    enum Body {
        NONE, ALPHA_DETAILS, K1_DECISION, VIEWS_BY_CHILD, VIEWS_BY_ADVOCATE, NEW_CHILD, NEW_FAMILY, NEW_CONFERENCE,
        NEW_STAFF
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The world
    // ---------------------------------------------------------------------------------------------------------------

    static final class World {
        final String tag = Api.shortId();
        final Map<Who, String> tokens = new EnumMap<>(Who.class);
        final Map<Who, UUID> ids = new EnumMap<>(Who.class);
        final Map<Kid, UUID> child = new EnumMap<>(Kid.class);
        final Map<Kid, String> name = new EnumMap<>(Kid.class);
        final Map<Kid, String> caseReference = new EnumMap<>(Kid.class);
        final Map<Kid, List<String>> words = new EnumMap<>(Kid.class);
        UUID f1;
        UUID f2;
        String f1Reference;
        String f2Reference;
        UUID k1;
        UUID k2;
        /** Bea's device, reset by the matrix; a second one of hers, removed by it; Cal's, which nobody may touch. */
        UUID beaDevice;
        UUID beaSpareDevice;
        UUID calDevice;

        static World build() {
            World w = new World();
            Staff sw1 = Api.staff(Role.SOCIAL_WORKER);
            Staff sw2 = Api.staff(Role.SOCIAL_WORKER);
            Staff chair1 = Api.staff(Role.CHAIR);
            Staff chair2 = Api.staff(Role.CHAIR);
            Staff adv1 = Api.staff(Role.ADVOCATE);
            Staff adv2 = Api.staff(Role.ADVOCATE);
            Staff manager = Api.staff(Role.MANAGER);
            for (var e : Map.of(SW1, sw1, SW2, sw2, CHAIR1, chair1, CHAIR2, chair2, ADV1, adv1, ADV2, adv2,
                    MANAGER, manager).entrySet()) {
                w.tokens.put(e.getKey(), e.getValue().token());
                w.ids.put(e.getKey(), e.getValue().id());
            }

            w.f1 = Api.family(sw1);
            w.f2 = Api.family(sw2);
            w.f1Reference = as(sw1).get("/api/families/" + w.f1).then().statusCode(OK).extract().path("reference");
            w.f2Reference = as(sw2).get("/api/families/" + w.f2).then().statusCode(OK).extract().path("reference");
            for (Kid kid : Kid.values()) {
                w.name.put(kid, kid.name().charAt(0) + kid.name().substring(1).toLowerCase() + "-" + w.tag);
                w.words.put(kid, List.of(kid.name().toLowerCase() + " good things " + w.tag,
                        kid.name().toLowerCase() + " worries " + w.tag, kid.name().toLowerCase() + " wishes " + w.tag));
            }
            w.child.put(Kid.ALPHA, Api.child(sw1, w.name.get(Kid.ALPHA), w.f1, adv1.id()));
            w.child.put(Kid.BEA, Api.child(sw1, w.name.get(Kid.BEA), w.f1, null));
            w.child.put(Kid.CAL, Api.child(sw2, w.name.get(Kid.CAL), w.f2, adv2.id()));
            for (Kid kid : Kid.values()) {
                Staff sw = kid == Kid.CAL ? sw2 : sw1;
                w.caseReference.put(kid, as(sw).get("/api/children/" + w.child.get(kid)).then().statusCode(OK)
                        .extract().path("caseReference"));
            }
            w.k1 = Api.conference(sw1, chair1, List.of(w.child.get(Kid.ALPHA), w.child.get(Kid.BEA)));
            w.k2 = Api.conference(sw2, chair2, List.of(w.child.get(Kid.CAL)));

            ChildLogin alpha = Api.childSignedIn(sw1, w.k1, w.child.get(Kid.ALPHA));
            ChildLogin bea = Api.childSignedIn(sw1, w.k1, w.child.get(Kid.BEA));
            ChildLogin cal = Api.childSignedIn(sw2, w.k2, w.child.get(Kid.CAL));
            w.beaDevice = Api.deviceId(bea.deviceSecret());
            w.beaSpareDevice = Api.deviceId(Api.childSignedIn(sw1, w.k1, w.child.get(Kid.BEA)).deviceSecret());
            w.calDevice = Api.deviceId(cal.deviceSecret());
            w.tokens.put(CHILD_ALPHA, alpha.token());
            w.ids.put(CHILD_ALPHA, alpha.childId());
            w.tokens.put(CHILD_CAL, cal.token());
            w.ids.put(CHILD_CAL, cal.childId());
            for (var e : Map.of(Kid.ALPHA, alpha, Kid.BEA, bea, Kid.CAL, cal).entrySet()) {
                UUID conference = e.getKey() == Kid.CAL ? w.k2 : w.k1;
                List<String> said = w.words.get(e.getKey());
                Api.send(as(e.getValue()), "/api/child/conferences/" + conference + "/views/send",
                        UUID.randomUUID().toString(), Api.views(said.get(0), said.get(1), said.get(2)))
                        .then().statusCode(CREATED);
            }
            return w;
        }

        String path(String template) {
            return template.replace("{BEA_DEVICE}", beaDevice.toString())
                    .replace("{BEA_SPARE_DEVICE}", beaSpareDevice.toString())
                    .replace("{CAL_DEVICE}", calDevice.toString())
                    .replace("{ALPHA}", child.get(Kid.ALPHA).toString())
                    .replace("{BEA}", child.get(Kid.BEA).toString())
                    .replace("{CAL}", child.get(Kid.CAL).toString())
                    .replace("{K1}", k1.toString()).replace("{K2}", k2.toString())
                    .replace("{F1}", f1.toString()).replace("{F2}", f2.toString());
        }

        RequestSpecification by(Who who) {
            return Api.as(tokens.get(who));
        }

        UUID conferenceOf(Kid kid) {
            return kid == Kid.CAL ? k2 : k1;
        }

        UUID familyOf(Kid kid) {
            return kid == Kid.CAL ? f2 : f1;
        }

        /** Everything that would reveal a child the caller may not see: names, case references, words, family refs. */
        Map<String, String> forbiddenFor(Set<Kid> maySee) {
            Map<String, String> forbidden = new LinkedHashMap<>();
            for (Kid kid : Kid.values()) {
                if (!maySee.contains(kid)) {
                    forbidden.put(name.get(kid), kid + "'s name");
                    forbidden.put(caseReference.get(kid), kid + "'s case reference");
                    words.get(kid).forEach(said -> forbidden.put(said, kid + "'s own words"));
                }
            }
            if (!maySee.contains(Kid.ALPHA) && !maySee.contains(Kid.BEA)) {
                forbidden.put(f1Reference, "family F1's reference");
            }
            if (!maySee.contains(Kid.CAL)) {
                forbidden.put(f2Reference, "family F2's reference");
            }
            return forbidden;
        }

        Object body(Body body) {
            return switch (body) {
                case NONE -> null;
                case ALPHA_DETAILS -> {
                    Map<String, Object> details = new HashMap<>();
                    details.put("knownAs", name.get(Kid.ALPHA));
                    details.put("ageBand", "AGE_8_TO_11");
                    details.put("preferredLanguage", "en");
                    details.put("caseReference", caseReference.get(Kid.ALPHA));
                    details.put("familyId", f1);
                    details.put("advocateId", ids.get(ADV1));
                    yield details;
                }
                case K1_DECISION -> Map.of("children", List.of(
                        Map.of("childId", child.get(Kid.ALPHA), "planNeeded", false),
                        Map.of("childId", child.get(Kid.BEA), "planNeeded", false)));
                case VIEWS_BY_CHILD -> Api.views("matrix good " + tag, "matrix worry " + tag, "matrix wish " + tag);
                case VIEWS_BY_ADVOCATE -> {
                    Map<String, Object> views = Api.views("typed good " + tag, "typed worry " + tag, "typed wish " + tag);
                    views.put("authorship", Map.of("kind", "CHILD_WITH_HELP", "readBackAgreed", true));
                    yield views;
                }
                case NEW_CHILD -> Map.of("knownAs", rogueName(), "ageBand", "AGE_8_TO_11",
                        "caseReference", "R-" + tag);
                case NEW_FAMILY -> Map.of("reference", "FAM-R-" + tag);
                case NEW_CONFERENCE -> Map.of("type", "INITIAL",
                        "startsAt", Instant.now().plus(10, ChronoUnit.DAYS).toString(),
                        "attendanceMode", "HYBRID", "place", "Civic Centre", "chairId", ids.get(CHAIR1),
                        "childIds", List.of(child.get(Kid.ALPHA)));
                case NEW_STAFF -> Map.of("email", "rogue-" + tag + "@test.mysay.example", "displayName", "Rogue",
                        "role", "MANAGER");
            };
        }

        String rogueName() {
            return "Rogue-" + tag;
        }
    }

    private static World world;
    private static World listWorld;

    static synchronized World world() {
        if (world == null) {
            world = World.build();
        }
        return world;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One call by one caller, and the answer it must get
    // ---------------------------------------------------------------------------------------------------------------

    record Case(Who who, String method, String endpoint, Body body, int expected) {

        Response send(World w) {
            RequestSpecification request = w.by(who).header("Idempotency-Key", UUID.randomUUID().toString());
            if (endpoint.endsWith("/summary")) {
                request = request.accept("text/html");
            }
            if (endpoint.contains(".csv")) {
                request = request.accept("text/csv");
            }
            Object payload = w.body(body);
            if (payload != null) {
                request = request.body(payload);
            }
            return request.request(method, w.path(endpoint));
        }

        @Override
        public String toString() {
            return who.label + ": " + method + " " + endpoint + " -> " + expected;
        }
    }

    /** One endpoint, and what every single caller gets from it: a row must name each caller exactly once. */
    static final class Row {
        final String method;
        final String endpoint;
        final Body body;
        final Map<Who, Integer> expected = new EnumMap<>(Who.class);

        Row(String method, String endpoint, Body body) {
            this.method = method;
            this.endpoint = endpoint;
            this.body = body;
        }

        Row expect(int status, Who... callers) {
            for (Who who : callers) {
                if (expected.put(who, status) != null) {
                    throw new IllegalStateException(method + " " + endpoint + " names " + who + " twice");
                }
            }
            return this;
        }

        Stream<Case> cases() {
            Set<Who> missing = EnumSet.complementOf(EnumSet.copyOf(expected.keySet()));
            if (!missing.isEmpty()) {
                throw new IllegalStateException(method + " " + endpoint + " does not say what " + missing + " get");
            }
            return expected.entrySet().stream().map(e -> new Case(e.getKey(), method, endpoint, body, e.getValue()));
        }
    }

    static Row row(String method, String endpoint) {
        return new Row(method, endpoint, Body.NONE);
    }

    static Row row(String method, String endpoint, Body body) {
        return new Row(method, endpoint, body);
    }

    /** The matrix. Each row is one endpoint on one object; each column one caller. */
    static List<Row> matrix() {
        return List.of(
                // ---- children ----
                row("GET", "/api/children/{ALPHA}")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/children/{BEA}")
                        .expect(OK, SW1, CHAIR1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/children/{CAL}")
                        .expect(OK, SW2, CHAIR2, ADV2)
                        .expect(HIDDEN, SW1, CHAIR1, ADV1, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("PUT", "/api/children/{ALPHA}", Body.ALPHA_DETAILS)
                        .expect(OK, SW1)
                        .expect(HIDDEN, SW2)
                        .expect(ROLE_REFUSED, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // ---- a child's devices (the child's allocated social worker only; any other staff: as if none) ----
                row("GET", "/api/children/{BEA}/devices")
                        .expect(OK, SW1)
                        .expect(HIDDEN, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/children/{ALPHA}/devices")
                        .expect(OK, SW1)
                        .expect(HIDDEN, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("POST", "/api/children/{BEA}/devices/{BEA_DEVICE}/pin-reset")
                        .expect(OK, SW1)
                        .expect(HIDDEN, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("DELETE", "/api/children/{BEA}/devices/{BEA_SPARE_DEVICE}")
                        .expect(NO_CONTENT, SW1)
                        .expect(HIDDEN, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                // Cal's device under a child SW1 may manage: not found, by SW1 nor by Cal's own social worker.
                row("POST", "/api/children/{BEA}/devices/{CAL_DEVICE}/pin-reset")
                        .expect(HIDDEN, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("DELETE", "/api/children/{ALPHA}/devices/{CAL_DEVICE}")
                        .expect(HIDDEN, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                // ---- families ----
                row("GET", "/api/families/{F1}")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/families/{F2}")
                        .expect(OK, SW2, CHAIR2, ADV2)
                        .expect(HIDDEN, SW1, CHAIR1, ADV1, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                // ---- conferences ----
                row("GET", "/api/conferences/{K1}")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K2}")
                        .expect(OK, SW2, CHAIR2, ADV2)
                        .expect(HIDDEN, SW1, CHAIR1, ADV1, MANAGER)
                        .expect(ROLE_REFUSED, CHILD_ALPHA, CHILD_CAL),
                row("PUT", "/api/conferences/{K1}/decision", Body.K1_DECISION)
                        .expect(AUTHORISED_BUT_TOO_EARLY, CHAIR1)
                        .expect(HIDDEN, CHAIR2)
                        .expect(ROLE_REFUSED, SW1, SW2, ADV1, ADV2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // ---- invitations (the child's allocated social worker only) ----
                row("POST", "/api/conferences/{K1}/children/{ALPHA}/invitations")
                        .expect(CREATED, SW1)
                        .expect(HIDDEN, SW2)
                        .expect(ROLE_REFUSED, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K1}/children/{ALPHA}/invitations")
                        .expect(OK, SW1)
                        .expect(HIDDEN, SW2)
                        .expect(ROLE_REFUSED, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // ---- reading sent views ----
                row("GET", "/api/conferences/{K1}/children/{ALPHA}/views")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K1}/children/{ALPHA}/views/versions/1")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K1}/children/{BEA}/views")
                        .expect(OK, SW1, CHAIR1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV1, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K1}/children/{BEA}/views/versions/1")
                        .expect(OK, SW1, CHAIR1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV1, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // Alpha is not in K2: pairing her with Cal's conference must not reach her views, even for her own staff.
                row("GET", "/api/conferences/{K2}/children/{ALPHA}/views")
                        .expect(HIDDEN, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/conferences/{K1}/summary")
                        .expect(OK, SW1, CHAIR1, ADV1)
                        .expect(HIDDEN, SW2, CHAIR2, ADV2)
                        .expect(ROLE_REFUSED, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("POST", "/api/conferences/{K1}/children/{ALPHA}/read")
                        .expect(OK, CHAIR1)
                        .expect(HIDDEN, CHAIR2)
                        .expect(ROLE_REFUSED, SW1, SW2, ADV1, ADV2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // ---- an advocate writing with or for a child ----
                row("GET", "/api/conferences/{K1}/children/{ALPHA}/views/draft")
                        .expect(OK, ADV1)
                        .expect(HIDDEN, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("PUT", "/api/conferences/{K1}/children/{ALPHA}/views/draft", Body.VIEWS_BY_ADVOCATE)
                        .expect(OK, ADV1)
                        .expect(HIDDEN, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("POST", "/api/conferences/{K1}/children/{ALPHA}/views/send", Body.VIEWS_BY_ADVOCATE)
                        .expect(CREATED, ADV1)
                        .expect(HIDDEN, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // Bea is Alpha's sibling in the same conference, but ADV1 is not allocated to her.
                row("GET", "/api/conferences/{K1}/children/{BEA}/views/draft")
                        .expect(HIDDEN, ADV1, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("PUT", "/api/conferences/{K1}/children/{BEA}/views/draft", Body.VIEWS_BY_ADVOCATE)
                        .expect(HIDDEN, ADV1, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                row("POST", "/api/conferences/{K1}/children/{BEA}/views/send", Body.VIEWS_BY_ADVOCATE)
                        .expect(HIDDEN, ADV1, ADV2)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, MANAGER, CHILD_ALPHA, CHILD_CAL),
                // ---- the child's own endpoints ----
                row("GET", "/api/child/me")
                        .expect(OK, CHILD_ALPHA, CHILD_CAL)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER),
                row("GET", "/api/child/conferences/{K1}/views")
                        .expect(OK, CHILD_ALPHA)
                        .expect(HIDDEN, CHILD_CAL)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER),
                row("GET", "/api/child/conferences/{K2}/views")
                        .expect(OK, CHILD_CAL)
                        .expect(HIDDEN, CHILD_ALPHA)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER),
                row("PUT", "/api/child/conferences/{K2}/views/draft", Body.VIEWS_BY_CHILD)
                        .expect(OK, CHILD_CAL)
                        .expect(HIDDEN, CHILD_ALPHA)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER),
                row("POST", "/api/child/conferences/{K2}/views/send", Body.VIEWS_BY_CHILD)
                        .expect(CREATED, CHILD_CAL)
                        .expect(HIDDEN, CHILD_ALPHA)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, MANAGER),
                // ---- the manager's figures and audit trail: managers only ----
                row("GET", "/api/figures")
                        .expect(OK, MANAGER)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, CHILD_ALPHA, CHILD_CAL),
                // The trail shows managers children's case references by design, so these ask for events about no child.
                row("GET", "/api/audit?action=STAFF_ACCOUNT_CREATED")
                        .expect(OK, MANAGER)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/audit/export.csv?action=STAFF_ACCOUNT_CREATED")
                        .expect(OK, MANAGER)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, CHILD_ALPHA, CHILD_CAL),
                row("GET", "/api/audit/verification")
                        .expect(OK, MANAGER)
                        .expect(ROLE_REFUSED, SW1, SW2, CHAIR1, CHAIR2, ADV1, ADV2, CHILD_ALPHA, CHILD_CAL));
    }

    static Stream<Case> matrixCases() {
        return matrix().stream().flatMap(Row::cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrixCases")
    void eachCallerGetsOnlyWhatTheirRoleAndAllocationAllow(Case c) {
        World w = world();
        Response response = c.send(w);
        String body = response.asString();
        assertEquals(c.expected(), response.statusCode(), c + " answered " + response.statusCode() + ": " + body);
        if (c.expected() == HIDDEN) {
            assertProblem(c.toString(), response, HIDDEN, "not-found");
        } else if (c.expected() == ROLE_REFUSED) {
            assertProblem(c.toString(), response, ROLE_REFUSED, "forbidden");
        }
        boolean refused = c.expected() == HIDDEN || c.expected() == ROLE_REFUSED;
        assertNothingRevealed(c.toString(), body, w.forbiddenFor(refused ? Set.of() : c.who().maySee));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Role-level refusals: endpoints a role can never use
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Case> roleRefusals() {
        return Stream.of(
                new Case(CHILD_ALPHA, "GET", "/api/children", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "GET", "/api/conferences", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "GET", "/api/families", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "GET", "/api/staff", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "POST", "/api/children", Body.NEW_CHILD, ROLE_REFUSED),
                new Case(CHAIR1, "POST", "/api/children", Body.NEW_CHILD, ROLE_REFUSED),
                new Case(ADV1, "POST", "/api/children", Body.NEW_CHILD, ROLE_REFUSED),
                new Case(MANAGER, "POST", "/api/children", Body.NEW_CHILD, ROLE_REFUSED),
                new Case(CHAIR1, "POST", "/api/families", Body.NEW_FAMILY, ROLE_REFUSED),
                new Case(ADV1, "POST", "/api/families", Body.NEW_FAMILY, ROLE_REFUSED),
                new Case(CHAIR1, "POST", "/api/conferences", Body.NEW_CONFERENCE, ROLE_REFUSED),
                new Case(ADV1, "POST", "/api/conferences", Body.NEW_CONFERENCE, ROLE_REFUSED),
                new Case(MANAGER, "POST", "/api/conferences", Body.NEW_CONFERENCE, ROLE_REFUSED),
                new Case(SW1, "POST", "/api/staff", Body.NEW_STAFF, ROLE_REFUSED),
                new Case(CHAIR1, "POST", "/api/staff", Body.NEW_STAFF, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "POST", "/api/staff", Body.NEW_STAFF, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "GET", "/api/account/second-factor", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "GET", "/api/staff/accounts", Body.NONE, ROLE_REFUSED),
                new Case(SW1, "GET", "/api/staff/accounts", Body.NONE, ROLE_REFUSED),
                new Case(CHAIR1, "DELETE", "/api/staff/{K1}/second-factor", Body.NONE, ROLE_REFUSED),
                new Case(CHILD_ALPHA, "DELETE", "/api/staff/{K1}/second-factor", Body.NONE, ROLE_REFUSED),
                new Case(SW1, "POST", "/api/staff/{K1}/password-reset", Body.NONE, ROLE_REFUSED),
                new Case(ADV1, "POST", "/api/staff/{K1}/password-reset", Body.NONE, ROLE_REFUSED),
                new Case(ADV1, "POST", "/api/conferences/{K1}/cancel", Body.NONE, ROLE_REFUSED),
                new Case(MANAGER, "POST", "/api/conferences/{K1}/cancel", Body.NONE, ROLE_REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleRefusals")
    void aRoleThatCanNeverUseAnEndpointIsRefusedWith403(Case c) {
        World w = world();
        Response response = c.send(w);
        assertProblem(c.toString(), response, ROLE_REFUSED, "forbidden");
        assertNothingRevealed(c.toString(), response.asString(), w.forbiddenFor(Set.of()));
        if (c.body() == Body.NEW_CHILD) {
            long created = Api.inSession(() -> Child.count("knownAs", w.rogueName()));
            assertEquals(0, created, c + " created a child anyway");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lists: exactly the visible objects, nothing more (on a second world that no other test changes)
    // ---------------------------------------------------------------------------------------------------------------

    static synchronized World listWorld() {
        if (listWorld == null) {
            listWorld = World.build();
        }
        return listWorld;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Who.class, names = { "SW1", "SW2", "CHAIR1", "CHAIR2", "ADV1", "ADV2", "MANAGER" })
    void staffListsHoldExactlyTheChildrenConferencesAndFamiliesTheyMaySee(Who who) {
        World w = listWorld();
        Set<UUID> expectedChildren = who.maySee.stream().map(w.child::get).collect(Collectors.toSet());
        Set<UUID> expectedConferences = who.maySee.stream().map(w::conferenceOf).collect(Collectors.toSet());
        Set<UUID> expectedFamilies = who.maySee.stream().map(w::familyOf).collect(Collectors.toSet());
        Map<String, String> forbidden = w.forbiddenFor(who.maySee);

        Response children = w.by(who).get("/api/children");
        assertEquals(OK, children.statusCode(), who.label + ": GET /api/children");
        assertEquals(expectedChildren, ids(children.jsonPath().getList("id")), who.label + ": GET /api/children");
        assertNothingRevealed(who.label + ": GET /api/children", children.asString(), forbidden);

        Response conferences = w.by(who).get("/api/conferences");
        assertEquals(OK, conferences.statusCode(), who.label + ": GET /api/conferences");
        assertEquals(expectedConferences, ids(conferences.jsonPath().getList("id")),
                who.label + ": GET /api/conferences");
        for (UUID conference : expectedConferences) {
            List<String> childrenShown = conferences.jsonPath()
                    .getList("find { it.id == '" + conference + "' }.children.childId");
            Set<UUID> expectedHere = who.maySee.stream().filter(kid -> w.conferenceOf(kid).equals(conference))
                    .map(w.child::get).collect(Collectors.toSet());
            assertEquals(expectedHere, ids(childrenShown),
                    who.label + ": GET /api/conferences, the children shown for " + conference);
        }
        assertNothingRevealed(who.label + ": GET /api/conferences", conferences.asString(), forbidden);

        Response families = w.by(who).get("/api/families");
        assertEquals(OK, families.statusCode(), who.label + ": GET /api/families");
        assertEquals(expectedFamilies, ids(families.jsonPath().getList("id")), who.label + ": GET /api/families");
        for (UUID family : expectedFamilies) {
            List<String> childrenShown = families.jsonPath().getList("find { it.id == '" + family + "' }.children.id");
            Set<UUID> expectedHere = who.maySee.stream().filter(kid -> w.familyOf(kid).equals(family))
                    .map(w.child::get).collect(Collectors.toSet());
            assertEquals(expectedHere, ids(childrenShown),
                    who.label + ": GET /api/families, the children shown for " + family);
        }
        assertNothingRevealed(who.label + ": GET /api/families", families.asString(), forbidden);
    }

    @Test
    void filteringTheChildrenListByAnotherFamilyShowsNoneOfThem() {
        World w = listWorld();
        Response other = w.by(SW2).queryParam("familyId", w.f1).get("/api/children");
        assertEquals(OK, other.statusCode());
        assertEquals(Set.of(), ids(other.jsonPath().getList("id")), "SW2 filtering by family F1");
        assertNothingRevealed("SW2: GET /api/children?familyId=F1", other.asString(), w.forbiddenFor(SW2.maySee));

        Response sibling = w.by(ADV1).queryParam("familyId", w.f1).get("/api/children");
        assertEquals(Set.of(w.child.get(Kid.ALPHA)), ids(sibling.jsonPath().getList("id")),
                "ADV1 filtering by Alpha's family sees Alpha only, not her sibling");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The chair's summary page
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void theChairsSummaryShowsEveryChildOfTheirConference() {
        World w = world();
        String page = w.by(CHAIR1).accept("text/html").get(w.path("/api/conferences/{K1}/summary"))
                .then().statusCode(OK).extract().asString();
        assertTrue(page.contains(w.name.get(Kid.ALPHA)), "Alpha is in her chair's summary");
        assertTrue(page.contains(w.name.get(Kid.BEA)), "Bea is in her chair's summary");
        w.words.get(Kid.BEA).forEach(said -> assertTrue(page.contains(said), "Bea's words are in the summary"));
        assertNothingRevealed("CHAIR1 summary", page, w.forbiddenFor(CHAIR1.maySee));
    }

    @Test
    void anAdvocatesSummaryShowsTheirOwnChildButNotTheSibling() {
        World w = world();
        String page = w.by(ADV1).accept("text/html").get(w.path("/api/conferences/{K1}/summary"))
                .then().statusCode(OK).extract().asString();
        assertTrue(page.contains(w.name.get(Kid.ALPHA)), "the advocate sees their own child");
        assertFalse(page.contains(w.name.get(Kid.BEA)), "the advocate must not see the sibling's name");
        w.words.get(Kid.BEA).forEach(said -> assertFalse(page.contains(said),
                "the advocate must not see the sibling's words"));
    }

    @Test
    void anotherChairsSummaryRequestIsNotFound() {
        World w = world();
        Response response = w.by(CHAIR2).accept("text/html").get(w.path("/api/conferences/{K1}/summary"));
        assertProblem("CHAIR2: GET /api/conferences/{K1}/summary", response, HIDDEN, "not-found");
        assertNothingRevealed("CHAIR2 summary of K1", response.asString(), w.forbiddenFor(Set.of()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Refusals leave no trace of a read; refused writes change nothing
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aRefusedReadOfViewsIsNeverAuditedAsARead() {
        World w = world();
        List<AuditAction> reads = List.of(AuditAction.VIEWS_READ, AuditAction.VIEWS_VERSION_READ,
                AuditAction.SUMMARY_READ, AuditAction.VIEWS_DRAFT_READ);
        for (Who who : List.of(SW2, CHAIR2, ADV2)) {
            for (String endpoint : List.of("/api/conferences/{K1}/children/{ALPHA}/views",
                    "/api/conferences/{K1}/children/{ALPHA}/views/versions/1",
                    "/api/conferences/{K1}/children/{BEA}/views")) {
                assertEquals(HIDDEN, w.by(who).get(w.path(endpoint)).statusCode(), who.label + ": GET " + endpoint);
            }
            assertEquals(HIDDEN, w.by(who).accept("text/html").get(w.path("/api/conferences/{K1}/summary"))
                    .statusCode(), who.label + ": GET summary of K1");
        }
        assertEquals(HIDDEN, w.by(ADV1).get(w.path("/api/conferences/{K1}/children/{BEA}/views")).statusCode());
        assertEquals(HIDDEN, w.by(ADV1).get(w.path("/api/conferences/{K1}/children/{BEA}/views/draft")).statusCode());
        assertEquals(HIDDEN, w.by(CHILD_CAL).get(w.path("/api/child/conferences/{K1}/views")).statusCode());

        List<UUID> k1Children = List.of(w.child.get(Kid.ALPHA), w.child.get(Kid.BEA));
        List<UUID> strangers = List.of(w.ids.get(SW2), w.ids.get(CHAIR2), w.ids.get(ADV2), w.ids.get(CHILD_CAL));
        List<AuditEvent> byStrangers = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId in ?1 and childId in ?2 and action in ?3", strangers, k1Children, reads));
        assertEquals(List.of(), describe(byStrangers), "reads by people who were refused");
        List<AuditEvent> byAdvocate = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId = ?1 and childId = ?2 and action in ?3", w.ids.get(ADV1), w.child.get(Kid.BEA), reads));
        assertEquals(List.of(), describe(byAdvocate), "reads of the sibling by Alpha's advocate");

        // The control: a permitted read is audited, so the absence above means something.
        long before = chairReads(w);
        w.by(CHAIR1).get(w.path("/api/conferences/{K1}/children/{ALPHA}/views")).then().statusCode(OK);
        assertEquals(before + 1, chairReads(w), "a permitted read is audited as VIEWS_READ");
    }

    private static long chairReads(World w) {
        return Api.inSession(() -> AuditEvent.count("actorId = ?1 and childId = ?2 and action = ?3",
                w.ids.get(CHAIR1), w.child.get(Kid.ALPHA), AuditAction.VIEWS_READ));
    }

    private static List<String> describe(List<AuditEvent> events) {
        return events.stream().map(e -> e.actorRole + " " + e.action + " child " + e.childId).toList();
    }

    @Test
    void aRefusedSendByAnUnallocatedAdvocateAddsNoVersion() {
        World w = world();
        List<Integer> before = w.by(SW1).get(w.path("/api/conferences/{K1}/children/{BEA}/views"))
                .then().statusCode(OK).extract().path("versions.version");
        Response refused = Api.send(w.by(ADV1), w.path("/api/conferences/{K1}/children/{BEA}/views/send"),
                UUID.randomUUID().toString(), w.body(Body.VIEWS_BY_ADVOCATE));
        assertProblem("ADV1 sending for Bea", refused, HIDDEN, "not-found");
        List<Integer> after = w.by(SW1).get(w.path("/api/conferences/{K1}/children/{BEA}/views"))
                .then().statusCode(OK).extract().path("versions.version");
        assertEquals(before, after, "Bea's versions after a refused send");
    }

    @Test
    void aDecisionByAnotherChairChangesNothing() {
        World w = world();
        Api.conferenceHasStarted(w.k2);
        Map<String, Object> decision = Map.of("children",
                List.of(Map.of("childId", w.child.get(Kid.CAL), "planNeeded", false, "messageForChild", "forged")));
        Response refused = w.by(CHAIR1).body(decision).put(w.path("/api/conferences/{K2}/decision"));
        assertProblem("CHAIR1 deciding K2", refused, HIDDEN, "not-found");
        w.by(SW2).get(w.path("/api/conferences/{K2}")).then().statusCode(OK)
                .body("status", org.hamcrest.Matchers.equalTo("SCHEDULED"))
                .body("children[0].outcomeMessage", org.hamcrest.Matchers.nullValue());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Changes of allocation and cancelling, each on a small world of its own
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void anAdvocateLosesAccessWhenTheChildIsAllocatedToAnother() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff before = Api.staff(Role.ADVOCATE);
        Staff after = Api.staff(Role.ADVOCATE);
        UUID family = Api.family(sw);
        String name = "Dee-" + Api.shortId();
        UUID dee = Api.child(sw, name, family, before.id());
        UUID conference = Api.conference(sw, chair, List.of(dee));
        String caseReference = as(sw).get("/api/children/" + dee).then().statusCode(OK).extract().path("caseReference");

        as(before).get("/api/children/" + dee).then().statusCode(OK);
        as(after).get("/api/children/" + dee).then().statusCode(HIDDEN);

        Map<String, Object> details = new HashMap<>();
        details.put("knownAs", name);
        details.put("ageBand", "AGE_8_TO_11");
        details.put("caseReference", caseReference);
        details.put("familyId", family);
        details.put("advocateId", after.id());
        as(sw).body(details).put("/api/children/" + dee).then().statusCode(OK);

        for (String endpoint : List.of("/api/children/" + dee, "/api/conferences/" + conference,
                "/api/conferences/" + conference + "/children/" + dee + "/views",
                "/api/conferences/" + conference + "/children/" + dee + "/views/draft")) {
            Response old = as(before).get(endpoint);
            assertProblem("the advocate no longer allocated: GET " + endpoint, old, HIDDEN, "not-found");
            assertFalse(old.asString().contains(name), "GET " + endpoint + " still shows the child's name");
            assertEquals(OK, as(after).get(endpoint).statusCode(), "the newly allocated advocate: GET " + endpoint);
        }
        List<String> stillListed = as(before).get("/api/children").then().statusCode(OK).extract().path("id");
        assertFalse(stillListed.contains(dee.toString()), "the previous advocate still lists the child");
    }

    @Test
    void onlyTheConferencesOwnChairOrSocialWorkerMayCancelIt() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff otherSw = Api.staff(Role.SOCIAL_WORKER);
        Staff otherChair = Api.staff(Role.CHAIR);
        UUID eve = Api.child(sw, "Eve-" + Api.shortId(), Api.family(sw), null);
        UUID conference = Api.conference(sw, chair, List.of(eve));

        for (Staff stranger : List.of(otherSw, otherChair)) {
            assertProblem(stranger.role() + " of another conference: POST cancel",
                    as(stranger).post("/api/conferences/" + conference + "/cancel"), HIDDEN, "not-found");
        }
        as(sw).get("/api/conferences/" + conference).then().statusCode(OK)
                .body("status", org.hamcrest.Matchers.equalTo("SCHEDULED"));
        as(chair).post("/api/conferences/" + conference + "/cancel").then().statusCode(OK)
                .body("status", org.hamcrest.Matchers.equalTo("CANCELLED"));
    }

    /**
     * Cancelling a conference ends its chair's reason to see the children it covered: the child's record, their views
     * for it and their place in lists are hidden (404), unless the same chair also chairs another conference of the
     * child that is not cancelled.
     */
    @Test
    void theChairOfACancelledConferenceNoLongerSeesItsChildren() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(sw);
        String eveName = "Eve-" + Api.shortId();
        UUID eve = Api.child(sw, eveName, family, null);
        UUID fin = Api.child(sw, "Fin-" + Api.shortId(), family, null);
        UUID cancelled = Api.conference(sw, chair, List.of(eve, fin));
        UUID live = Api.conference(sw, chair, List.of(fin));
        as(chair).get("/api/children/" + eve).then().statusCode(OK);

        as(chair).post("/api/conferences/" + cancelled + "/cancel").then().statusCode(OK);

        for (String endpoint : List.of("/api/children/" + eve,
                "/api/conferences/" + cancelled + "/children/" + eve + "/views")) {
            Response hidden = as(chair).get(endpoint);
            assertProblem("the chair of the cancelled conference: GET " + endpoint, hidden, HIDDEN, "not-found");
            assertFalse(hidden.asString().contains(eveName), "GET " + endpoint + " still shows the child's name");
        }
        List<String> listed = as(chair).get("/api/children").then().statusCode(OK).extract().path("id");
        assertFalse(listed.contains(eve.toString()), "the chair still lists the child of the cancelled conference");
        assertTrue(listed.contains(fin.toString()), "the chair lists the child of their live conference");
        as(chair).get("/api/children/" + fin).then().statusCode(OK);
        as(chair).get("/api/conferences/" + live + "/children/" + fin + "/views").then().statusCode(OK);
        as(sw).get("/api/children/" + eve).then().statusCode(OK);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void assertProblem(String what, Response response, int status, String type) {
        assertEquals(status, response.statusCode(), what + " answered " + response.statusCode() + ": "
                + response.asString());
        String contentType = response.contentType();
        assertNotNull(contentType, what + ": no content type");
        assertTrue(contentType.startsWith("application/problem+json"), what + ": content type " + contentType);
        Map<String, Object> problem = response.jsonPath().getMap("");
        assertEquals(PROBLEMS + type, problem.get("type"), what + ": problem type");
        assertEquals(status, problem.get("status"), what + ": problem status");
        assertTrue(PROBLEM_FIELDS.containsAll(problem.keySet()), what + ": the problem carries more than a problem: "
                + problem.keySet());
    }

    static void assertNothingRevealed(String what, String body, Map<String, String> forbidden) {
        List<String> revealed = new ArrayList<>();
        forbidden.forEach((secret, description) -> {
            if (body.contains(secret)) {
                revealed.add(description);
            }
        });
        assertEquals(List.of(), revealed, what + " revealed what the caller may not see");
    }

    static Set<UUID> ids(List<?> raw) {
        return raw == null ? Set.of() : raw.stream().map(o -> UUID.fromString(o.toString())).collect(Collectors.toSet());
    }
}
