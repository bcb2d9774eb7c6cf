package app.mysay.security;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import app.mysay.security.FieldEncryption.Place;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Media;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The children's words and the chair's message are never in the database as text, and survive a key rotation. */
@QuarkusTest
class EncryptionAtRestTest {

    // One distinctive word per free-text part, one of them not ASCII.
    static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("goodThings", "Quokkaride"),
            Map.entry("worries", "Grumblethorn"),
            Map.entry("wishes", "Ørnekrage"),
            Map.entry("whoWithMe", "Aunty Zephyrine"),
            Map.entry("questions", "Wobbleknot"),
            Map.entry("tellChairFirst", "Snickerfjord"),
            Map.entry("helperName", "Mx Tarragonne"),
            Map.entry("helperRole", "Lollipop-warden"),
            Map.entry("pictureText", "Zebracornelia"),
            Map.entry("voice", "Whisperquill"),
            Map.entry("message", "Plumtastica"));

    static final String VIEWS_COLUMNS = "good_things_enc, worries_enc, wishes_enc, who_with_me_enc, "
            + "questions_for_chair_enc, tell_chair_first_enc, helper_name_enc, helper_role_enc, not_read_back_reason_enc, "
            + "good_things_picture_text_enc, worries_picture_text_enc, wishes_picture_text_enc";

    /** Eight parts of the views, the words about the picture, the chair's message, the voice note and the picture. */
    static final int CIPHERTEXTS = 12;

    @Inject
    FieldEncryption crypto;

    record Setting(Staff socialWorker, Staff chair, UUID conference, UUID jay, UUID mia, ChildLogin jayLogin,
            ChildLogin miaLogin) {

        String views(UUID child) {
            return "/api/conferences/" + conference + "/children/" + child + "/views";
        }

        String childViews() {
            return "/api/child/conferences/" + conference + "/views";
        }
    }

    static Map<String, Object> words(UUID voice, UUID picture) {
        Map<String, Object> views = Api.views(WORDS.get("goodThings") + " on Saturdays",
                "I worry about " + WORDS.get("worries"), "I wish for " + WORDS.get("wishes"));
        views.put("takingPart", Map.of("ways", List.of("COME_TO_PART"), "whoWithMe", WORDS.get("whoWithMe"),
                "parentsMaySee", true));
        views.put("questions", Map.of("text", "Why " + WORDS.get("questions") + "?", "parentsMaySee", false));
        views.put("tellChairFirst", Map.of("text", WORDS.get("tellChairFirst") + " first", "parentsMaySee", false));
        Map<String, Object> authorship = new HashMap<>();
        authorship.put("kind", "CHILD_WITH_HELP");
        authorship.put("helperName", WORDS.get("helperName"));
        authorship.put("helperRole", WORDS.get("helperRole"));
        views.put("authorship", authorship);
        views.put("goodThings", Map.of("text", WORDS.get("goodThings") + " on Saturdays", "parentsMaySee", true,
                "voiceNote", voice, "picture", picture, "pictureText", "A " + WORDS.get("pictureText")));
        return views;
    }

    static Setting sent() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(socialWorker);
        UUID jay = Api.child(socialWorker, "Jay", family, null);
        UUID mia = Api.child(socialWorker, "Mia", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(jay, mia));
        ChildLogin jayLogin = Api.childSignedIn(socialWorker, conference, jay);
        ChildLogin miaLogin = Api.childSignedIn(socialWorker, conference, mia);
        Setting s = new Setting(socialWorker, chair, conference, jay, mia, jayLogin, miaLogin);
        String uploads = "/api/child/conferences/" + conference + "/attachments";
        UUID voice = UUID.fromString(Media.upload(as(jayLogin), uploads, Media.webm("I said " + WORDS.get("voice")),
                "audio/webm").then().statusCode(201).extract().path("id"));
        UUID picture = UUID.fromString(Media.upload(as(jayLogin), uploads, Media.png(64, 48), "image/png")
                .then().statusCode(201).extract().path("id"));
        Api.send(as(jayLogin), s.childViews() + "/send", UUID.randomUUID().toString(), words(voice, picture))
                .then().statusCode(201);
        return s;
    }

    /** The conference happens; the chair records the decision, with a message for Jay. */
    static Setting decided(Setting s) {
        Api.conferenceHasStarted(s.conference());
        as(s.chair()).body(Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(),
                "children", List.of(
                        Map.of("childId", s.jay(), "planNeeded", false, "messageForChild",
                                "Thank you Jay, " + WORDS.get("message") + "."),
                        Map.of("childId", s.mia(), "planNeeded", false))))
                .put("/api/conferences/" + s.conference() + "/decision").then().statusCode(200);
        return s;
    }

    static void readsBackExactly(Setting s) {
        as(s.chair()).get(s.views(s.jay())).then().statusCode(200)
                .body("latest.content.goodThings.text", equalTo(WORDS.get("goodThings") + " on Saturdays"))
                .body("latest.content.worries.text", equalTo("I worry about " + WORDS.get("worries")))
                .body("latest.content.wishes.text", equalTo("I wish for " + WORDS.get("wishes")))
                .body("latest.content.takingPart.whoWithMe", equalTo(WORDS.get("whoWithMe")))
                .body("latest.content.questions.text", equalTo("Why " + WORDS.get("questions") + "?"))
                .body("latest.content.tellChairFirst.text", equalTo(WORDS.get("tellChairFirst") + " first"))
                .body("latest.content.authorship.helperName", equalTo(WORDS.get("helperName")))
                .body("latest.content.authorship.helperRole", equalTo(WORDS.get("helperRole")))
                .body("latest.content.goodThings.pictureText", equalTo("A " + WORDS.get("pictureText")));
        String voice = as(s.chair()).get(s.views(s.jay())).then().extract().path("latest.content.goodThings.voiceNote");
        byte[] heard = as(s.chair()).accept("*/*").get("/api/conferences/" + s.conference() + "/children/" + s.jay()
                + "/attachments/" + voice).then().statusCode(200).extract().asByteArray();
        assertTrue(Media.holds(heard, "I said " + WORDS.get("voice")));
        as(s.jayLogin()).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].chairMessage", equalTo("Thank you Jay, " + WORDS.get("message") + "."));
    }

    static List<String> rowsAsText(String table) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select cast(t as text) from " + table + " t", String.class).getResultList()));
    }

    /** Every stored ciphertext of these children, as hex. */
    static List<String> ciphertexts(UUID... children) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select encode(c, 'hex') from views v, unnest(array[" + VIEWS_COLUMNS + "]) c "
                        + "where v.child_id in (:children) and c is not null "
                        + "union all select encode(outcome_message_enc, 'hex') from conference_child "
                        + "where child_id in (:children) and outcome_message_enc is not null "
                        + "union all select encode(content_enc, 'hex') from attachment where child_id in (:children)",
                        String.class)
                .setParameter("children", List.of(children)).getResultList()));
    }

    static void sql(String statement, Map<String, Object> parameters) {
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(statement);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        }));
    }

    static void failsWithoutLeaking(Response response) {
        response.then().statusCode(500).contentType(startsWith("application/problem+json"));
        WORDS.values().forEach(word -> response.then().body(not(containsString(word))));
    }

    @Test
    void noWordIsStoredAsTextAndTheApiStillGivesThemBackExactly() {
        Setting s = decided(sent());
        readsBackExactly(s);

        for (String table : List.of("views", "conference_child", "attachment")) {
            List<String> rows = rowsAsText(table);
            assertFalse(rows.isEmpty(), table);
            for (String row : rows) {
                String lower = row.toLowerCase(Locale.ROOT);
                for (String word : WORDS.values()) {
                    assertFalse(lower.contains(word.toLowerCase(Locale.ROOT)), table + " holds " + word);
                    // bytea is shown as hex: not the word's bytes either
                    String hex = HexFormat.of().formatHex(word.getBytes(StandardCharsets.UTF_8));
                    assertFalse(lower.contains(hex), table + " holds the bytes of " + word);
                }
            }
        }
        assertEquals(CIPHERTEXTS, ciphertexts(s.jay()).size());
        // Nor a picture's: a PNG in the clear would start with its signature.
        for (String row : rowsAsText("attachment")) {
            assertFalse(row.contains("89504e470d0a1a0a"), "a picture stored in the clear");
            assertFalse(row.contains("1a45dfa3"), "a voice note stored in the clear");
        }
    }

    @Test
    void aCiphertextMovedToAnotherRowOrChildDoesNotDecrypt() {
        Setting s = sent();
        Map<String, Object> ids = Map.of("jay", s.jay(), "mia", s.mia());
        String jaysWishes = "(select wishes_enc from views where child_id = :jay and status = 'SENT')";

        // Another row of the same child: a draft (sent rows cannot be changed at all).
        as(s.jayLogin()).body(Api.views("a", "b", "c")).put(s.childViews() + "/draft").then().statusCode(200);
        sql("update views set wishes_enc = " + jaysWishes + " where child_id = :jay and status = 'DRAFT'",
                Map.of("jay", s.jay()));
        failsWithoutLeaking(as(s.jayLogin()).get(s.childViews()));

        // Another child.
        as(s.miaLogin()).body(Api.views("a", "b", "c")).put(s.childViews() + "/draft").then().statusCode(200);
        sql("update views set wishes_enc = " + jaysWishes + " where child_id = :mia and status = 'DRAFT'", ids);
        failsWithoutLeaking(as(s.miaLogin()).get(s.childViews()));
        sql("delete from views where child_id in (:jay, :mia) and status = 'DRAFT'", ids);

        // The chair's message to another child.
        decided(s);
        sql("update conference_child set outcome_message_enc = (select outcome_message_enc from conference_child "
                + "where child_id = :jay) where child_id = :mia", ids);
        failsWithoutLeaking(as(s.miaLogin()).get("/api/child/me"));

        // Directly, too: bound to the row and the child.
        Place right = new Place("views", "wishes_enc", UUID.randomUUID(), s.jay());
        byte[] sealed = crypto.encrypt("secret", right);
        assertEquals("secret", crypto.decrypt(sealed, right));
        assertThrows(FieldEncryption.UndecryptableException.class,
                () -> crypto.decrypt(sealed, new Place("views", "wishes_enc", UUID.randomUUID(), s.jay())));
        assertThrows(FieldEncryption.UndecryptableException.class,
                () -> crypto.decrypt(sealed, new Place("views", "wishes_enc", right.rowId(), s.mia())));
        assertThrows(FieldEncryption.UndecryptableException.class,
                () -> crypto.decrypt(sealed, new Place("views", "worries_enc", right.rowId(), s.jay())));

        // Tidy up, so that other tests (and the rotation) find only what they can decrypt.
        sql("update conference_child set outcome_message_enc = null where child_id = :mia", Map.of("mia", s.mia()));
        readsBackExactly(s);
    }

    @Test
    void afterARotationEveryCiphertextIsUnderTheNewKeyAndTheOldKeyCanGo() {
        Setting s = decided(sent());
        Staff manager = Api.staff(Role.MANAGER);
        KeysetHandle original = crypto.keyset();
        String oldPrefix = HexFormat.of().formatHex(crypto.primaryPrefix());
        assertTrue(ciphertexts(s.jay()).stream().allMatch(c -> c.startsWith(oldPrefix)));

        try {
            // 1. Add a key and make it primary: it encrypts from now on; the old one still decrypts.
            KeysetHandle rotated = KeysetHandle.newBuilder(original)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            crypto.use(rotated);
            String newPrefix = HexFormat.of().formatHex(crypto.primaryPrefix());
            assertFalse(newPrefix.equals(oldPrefix));
            readsBackExactly(s);

            // 2. Re-encrypt (the scheduled job does the same), then again: nothing left to do.
            as(manager).post("/api/encryption/reencryption").then().statusCode(200)
                    .body("reencrypted", greaterThanOrEqualTo(2)).body("undecryptable", equalTo(0));
            List<String> after = ciphertexts(s.jay());
            assertEquals(CIPHERTEXTS, after.size());
            assertTrue(after.stream().allMatch(c -> c.startsWith(newPrefix)), "all under the new key");
            as(manager).post("/api/encryption/reencryption").then().statusCode(200).body("reencrypted", equalTo(0));

            // 3. Remove the old key: everything still reads back.
            KeysetHandle.Builder onlyNew = KeysetHandle.newBuilder(rotated);
            for (int i = onlyNew.size() - 1; i >= 0; i--) {
                if (rotated.getAt(i).getId() == original.getPrimary().getId()) {
                    onlyNew.deleteAt(i);
                }
            }
            crypto.use(onlyNew.build());
            assertEquals(1, crypto.keyset().size());
            readsBackExactly(s);
            as(s.chair()).get("/api/conferences/" + s.conference() + "/summary").then().statusCode(200);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // The new key stays in use: every row was re-encrypted under it, other tests' too.
    }
}
