package app.mysay.security;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import app.mysay.security.FieldEncryption.Place;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The free text about a child outside their views (communication needs, the conference's place, a legal hold's
 * reason) and the child's safety score are stored encrypted like the views' words: the database holds no plain value,
 * the API gives each back exactly, and V24 encrypts the rows an older database already holds.
 */
@QuarkusTest
class FreeTextAtRestTest {

    static final String NEEDS = "Uses Makaton; Quibblesign cards";
    static final String PLACE = "Fernwhistle Hall, Room 9";
    static final String REASON = "Care proceedings Zanzibarra";
    static final int SCORE = 2;

    @Inject
    FieldEncryption crypto;

    @Test
    void noneIsStoredAsTextAndTheApiStillGivesThemBack() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff manager = Api.staff(Role.MANAGER);
        Map<String, Object> details = new HashMap<>();
        details.put("knownAs", "Kit");
        details.put("ageBand", "AGE_12_TO_15");
        details.put("caseReference", "C-" + Api.shortId());
        details.put("familyId", Api.family(sw));
        details.put("communicationNeeds", NEEDS);
        UUID kit = UUID.fromString(as(sw).body(details).post("/api/children").then().statusCode(201)
                .extract().path("id"));
        UUID conference = UUID.fromString(as(sw).body(Map.of("type", "INITIAL",
                "startsAt", Instant.now().plus(10, ChronoUnit.DAYS).toString(), "attendanceMode", "IN_PERSON",
                "place", PLACE, "chairId", chair.id(), "childIds", List.of(kit)))
                .post("/api/conferences").then().statusCode(201).extract().path("id"));
        as(manager).body(Map.of("reason", REASON)).put("/api/legal-holds/" + details.get("caseReference"))
                .then().statusCode(201);
        ChildLogin login = Api.childSignedIn(sw, conference, kit);
        Map<String, Object> views = Api.views("Good", "Worry", "Wish");
        views.put("safety", Map.of("score", SCORE, "parentsMaySee", false));
        Api.send(as(login), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(),
                views).then().statusCode(201);

        as(sw).get("/api/children/" + kit).then().statusCode(200).body("communicationNeeds", equalTo(NEEDS));
        as(chair).get("/api/conferences/" + conference).then().statusCode(200).body("place", equalTo(PLACE))
                .body("children[0].attention", org.hamcrest.Matchers.hasItem("LOW_SAFETY_SCORE"));
        as(manager).get("/api/legal-holds/" + details.get("caseReference")).then().statusCode(200)
                .body("reason", equalTo(REASON));
        as(chair).get("/api/conferences/" + conference + "/children/" + kit + "/views").then().statusCode(200)
                .body("latest.content.safety.score", equalTo(SCORE));
        as(login).get("/api/child/me").then().statusCode(200).body("conferences[0].place", equalTo(PLACE));

        for (String table : List.of("child", "conference", "legal_hold")) {
            for (String row : rowsAsText(table)) {
                for (String words : List.of(NEEDS, PLACE, REASON)) {
                    String word = words.split(" ")[1];
                    assertFalse(row.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                            table + " holds " + word);
                    assertFalse(row.contains(HexFormat.of().formatHex(word.getBytes(StandardCharsets.UTF_8))),
                            table + " holds the bytes of " + word);
                }
            }
        }
        assertEquals(List.of(), plainColumns(), "plain columns are gone");
        byte[] score = Api.inSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select safety_score_enc from views where child_id = :kit", byte[].class)
                .setParameter("kit", kit).getSingleResult()));
        assertNotNull(score);
        assertEquals(FieldEncryption.PREFIX_LENGTH + 28 + 1, score.length, "one digit under AES-GCM with a Tink prefix");
    }

    /**
     * A database as it was before V24, with plain rows in each of the four columns, is migrated: every value becomes
     * a ciphertext bound to its row, under the application's keyset, and the plain columns go. Run in a schema of its
     * own, so the application's tables are untouched.
     */
    @Test
    void theMigrationEncryptsTheRowsAlreadyThere() throws SQLException {
        String schema = "v24_check";
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        Flyway before = Flyway.configure().dataSource(url, user, password).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").cleanDisabled(false).target("23").load();
        before.clean();
        before.migrate();
        UUID staff = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID conference = UUID.randomUUID();
        UUID views = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
            s.execute("set search_path to " + schema);
            s.execute("insert into staff_account (id, email, display_name, role, password_hash, enabled, created_at) "
                    + "values ('" + staff + "', 'm@x.example', 'M', 'MANAGER', 'x', true, now())");
            s.execute("insert into child (id, known_as, age_band, preferred_language, communication_needs, "
                    + "case_reference, social_worker_id, created_at) values ('" + child + "', 'Lu', 'AGE_8_TO_11', "
                    + "'en', '" + NEEDS + "', 'C-old', '" + staff + "', now())");
            s.execute("insert into conference (id, type, starts_at, attendance_mode, place, chair_id, social_worker_id, "
                    + "views_due, status, created_at) values ('" + conference + "', 'INITIAL', now(), 'IN_PERSON', '"
                    + PLACE + "', '" + staff + "', '" + staff + "', current_date, 'SCHEDULED', now())");
            s.execute("insert into legal_hold (child_id, reason, placed_by, placed_at) values ('" + child + "', '"
                    + REASON + "', '" + staff + "', now())");
            s.execute("insert into views (id, child_id, conference_id, status, version, author_role, author_id, "
                    + "safety_score, safety_shared, authorship, updated_at, sent_at) values ('" + views + "', '" + child
                    + "', '" + conference + "', 'SENT', 1, 'CHILD', '" + child + "', " + SCORE
                    + ", false, 'CHILD', now(), now())");
        }

        Flyway.configure().dataSource(url, user, password).schemas(schema).locations("classpath:db/migration").load()
                .migrate();

        try (Connection db = DriverManager.getConnection(url, user, password)) {
            assertEquals(NEEDS, crypto.decrypt(bytes(db, "select communication_needs_enc from " + schema
                    + ".child where id = ?", child), new Place("child", "communication_needs_enc", child, child)));
            assertEquals(PLACE, crypto.decrypt(bytes(db, "select place_enc from " + schema
                    + ".conference where id = ?", conference), new Place("conference", "place_enc", conference,
                            conference)));
            assertEquals(REASON, crypto.decrypt(bytes(db, "select reason_enc from " + schema
                    + ".legal_hold where child_id = ?", child), new Place("legal_hold", "reason_enc", child, child)));
            assertEquals(Integer.toString(SCORE), crypto.decrypt(bytes(db, "select safety_score_enc from " + schema
                    + ".views where id = ?", views), new Place("views", "safety_score_enc", views, child)));
            try (PreparedStatement q = db.prepareStatement("select count(*) from information_schema.columns "
                    + "where table_schema = ? and column_name in ('communication_needs', 'place', 'reason', "
                    + "'safety_score')")) {
                q.setString(1, schema);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "the plain columns are dropped");
                }
            }
        } finally {
            Flyway.configure().dataSource(url, user, password).schemas(schema).cleanDisabled(false).load().clean();
            try (Connection db = DriverManager.getConnection(url, user, password); Statement s = db.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static byte[] bytes(Connection db, String sql, UUID id) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static List<String> rowsAsText(String table) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select cast(t as text) from " + table + " t", String.class).getResultList()));
    }

    private static List<String> plainColumns() {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select table_name || '.' || column_name from information_schema.columns where table_schema = "
                        + "current_schema() and (table_name, column_name) in (('child', 'communication_needs'), "
                        + "('conference', 'place'), ('legal_hold', 'reason'), ('views', 'safety_score'))",
                String.class).getResultList()));
    }
}
