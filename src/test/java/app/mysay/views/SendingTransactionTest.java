package app.mysay.views;

import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Media;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A sent version is written by {@link SendingTransaction}'s own INSERT on the SQL client, a draft by Hibernate from
 * the entity's mapping. The same views, saved as a draft and then sent, must come back from the database the same in
 * every mapped field: so a column the INSERT leaves out, or fills from the wrong field, fails here. Every field is also
 * checked to carry a value in one of the two sendings below, so that no column passes only because it was empty on
 * both sides.
 */
@QuarkusTest
class SendingTransactionTest {

    /** What a draft and a sent version may differ in: which row, which state, and what only sending decides. */
    private static final Set<String> NOT_COMPARED = Set.of("id", "status", "version", "sentAt", "updatedAt",
            "urgentReasons");

    @Test
    void aChildsSentVersionHoldsEveryFieldAsHibernateWouldWriteIt() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Jay", Api.family(socialWorker), null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin jay = Api.childSignedIn(socialWorker, conference, child);
        String base = "/api/child/conferences/" + conference;

        Map<String, Object> views = new HashMap<>();
        views.put("goodThings", houseWith(jay, base, "Swimming on Saturdays.", "My medal"));
        views.put("worries", houseWith(jay, base, "When the car is not there.", "Our house at night"));
        views.put("wishes", houseWith(jay, base, "A dog called Biscuit.", "Biscuit"));
        views.put("safety", Map.of("score", 8, "parentsMaySee", true));
        views.put("takingPart", Map.of("ways", List.of("COME_TO_PART", "WRITE_SOMETHING_TO_BE_READ_OUT"), "whoWithMe", "My aunt",
                "parentsMaySee", true));
        views.put("advocate", Map.of("choice", "HAVE_ONE", "parentsMaySee", true));
        views.put("questions", Map.of("text", "Can I choose where I sleep?", "parentsMaySee", true));
        views.put("tellChairFirst", Map.of("text", "Please read this before the others come in.",
                "parentsMaySee", true));
        views.put("authorship", Map.of("kind", "CHILD_WITH_HELP", "helperName", "Sam", "helperRole", "Teacher"));

        Map<String, Object> draft = draftAndSent(() -> as(jay), base + "/views", views, conference, child, child);
        assertEquals("Sam", draft.get("helperName"));
        assertEquals("My medal", draft.get("goodThingsPictureText"));
        cover(draft);
    }

    @Test
    void anAdvocatesAccountHoldsEveryFieldAsHibernateWouldWriteIt() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE, "Ada Advocate");
        UUID child = Api.child(socialWorker, "Mia", Api.family(socialWorker), advocate.id());
        UUID conference = Api.conference(socialWorker, chair, List.of(child));

        Map<String, Object> views = Api.views("She likes her school.", "She does not like loud voices.",
                "She wants to keep her room.");
        views.put("authorship", Map.of("kind", "ADVOCATE_ON_BEHALF", "readBackAgreed", false,
                "notReadBackReason", "She was too tired to hear it all today."));

        Map<String, Object> draft = draftAndSent(() -> as(advocate), "/api/conferences/" + conference + "/children/" + child
                + "/views", views, conference, child, advocate.id());
        assertEquals("Ada Advocate", draft.get("helperName"));
        assertEquals(Boolean.FALSE, draft.get("readBackAgreed"));
        cover(draft);
    }

    /** The values the two sendings gave each field; checked once both have run. */
    private static final Map<String, Object> covered = new LinkedHashMap<>();
    private static int scenarios;

    private static synchronized void cover(Map<String, Object> values) {
        values.forEach((field, value) -> {
            if (value != null && (!Boolean.FALSE.equals(value) || field.equals("readBackAgreed"))) {
                covered.put(field, value);
            }
        });
        scenarios++;
    }

    @org.junit.jupiter.api.AfterAll
    static void everyFieldCarriedAValueInOneOfTheSendings() {
        if (scenarios < 2) {
            return; // only one of them was run
        }
        Set<String> empty = new TreeSet<>();
        for (String field : comparedFields()) {
            if (!covered.containsKey(field)) {
                empty.add(field);
            }
        }
        assertTrue(empty.isEmpty(), "no sending above gave these fields a value: " + empty);
    }

    /** Saves the views as a draft, reads the draft's row, sends the same views, and compares the sent row with it. */
    private static Map<String, Object> draftAndSent(Supplier<RequestSpecification> author, String path, Map<String, Object> views,
            UUID conference, UUID child, UUID authorId) {
        author.get().body(views).put(path + "/draft").then().statusCode(200);
        Views draft = Api.inSession(() -> Views.<Views>find("conferenceId = ?1 and childId = ?2 and authorId = ?3 "
                + "and status = ?4", conference, child, authorId, ViewsStatus.DRAFT).firstResult());
        assertNotNull(draft, "the draft was saved");

        Api.send(author.get(), path + "/send", UUID.randomUUID().toString(), views).then().statusCode(201);
        Views sent = Api.inSession(() -> Views.<Views>find("conferenceId = ?1 and childId = ?2 and status = ?3",
                conference, child, ViewsStatus.SENT).firstResult());

        Map<String, Object> drafted = values(draft);
        Map<String, Object> written = values(sent);
        assertEquals(drafted, written, "the sent version's row differs from the draft Hibernate wrote");
        assertEquals(ViewsStatus.SENT, sent.status);
        assertEquals(1, sent.version);
        assertEquals(sent.sentAt, sent.updatedAt);
        return written;
    }

    private static Map<String, Object> values(Views v) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : comparedFields()) {
            try {
                Field field = Views.class.getDeclaredField(name);
                field.setAccessible(true);
                values.put(name, field.get(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    /**
     * Every field of the entity but the ciphertexts (which differ by nonce and row: their plaintexts are compared, as
     * the entity decrypts them on loading) and what a draft and a sent version may differ in.
     */
    private static List<String> comparedFields() {
        return java.util.Arrays.stream(Views.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.getName().startsWith("$$"))
                .filter(f -> f.getType() != byte[].class && !NOT_COMPARED.contains(f.getName()))
                .map(Field::getName).toList();
    }

    /** A house with words, a voice note and a picture with its words. */
    private static Map<String, Object> houseWith(ChildLogin child, String conferencePath, String text,
            String pictureText) {
        UUID voice = UUID.fromString(Media.upload(as(child), conferencePath + "/attachments", Media.webm(text), "audio/webm")
                .then().statusCode(201).extract().path("id"));
        UUID picture = UUID.fromString(Media.upload(as(child), conferencePath + "/attachments", Media.png(20, 20),
                "image/png").then().statusCode(201).extract().path("id"));
        Map<String, Object> house = new HashMap<>();
        house.put("text", text);
        house.put("parentsMaySee", true);
        house.put("voiceNote", voice.toString());
        house.put("picture", picture.toString());
        house.put("pictureText", pictureText);
        return house;
    }
}
