package app.mysay.support;

import static app.mysay.support.Api.as;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * Builds conferences that happened in the past, for figures and the audit trail. Everything is done through the API
 * first (a conference can only be arranged in the future); then the conference is moved to its past date and the
 * chair's reading to a chosen time after sending, as time would have done. Sent views are never touched.
 */
public final class PastConferences {

    private PastConferences() {
    }

    /** A child with a date of birth, or else an age band, and a case reference of the test's choosing. */
    public static UUID child(Staff socialWorker, String knownAs, String caseReference, LocalDate dateOfBirth,
            String ageBand, UUID advocateId) {
        Map<String, Object> body = new HashMap<>();
        body.put("knownAs", knownAs);
        body.put("dateOfBirth", dateOfBirth == null ? null : dateOfBirth.toString());
        body.put("ageBand", dateOfBirth == null ? ageBand : null);
        body.put("preferredLanguage", "en");
        body.put("caseReference", caseReference);
        body.put("advocateId", advocateId);
        return UUID.fromString(as(socialWorker).body(body).post("/api/children").then().statusCode(201).extract().path("id"));
    }

    /** Views with the given ways of taking part and advocate choice (null: not answered), in the child's own words. */
    public static Map<String, Object> views(String words, List<String> ways, String advocateChoice, Map<String, Object> authorship) {
        Map<String, Object> views = new HashMap<>();
        views.put("wishes", Map.of("text", words, "parentsMaySee", false));
        if (ways != null) {
            views.put("takingPart", Map.of("ways", ways, "parentsMaySee", false));
        }
        if (advocateChoice != null) {
            views.put("advocate", Map.of("choice", advocateChoice, "parentsMaySee", false));
        }
        views.put("authorship", authorship);
        return views;
    }

    public static void childSends(Api.ChildLogin child, UUID conference, Map<String, Object> views) {
        Api.send(as(child), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201);
    }

    public static void advocateSends(Staff advocate, UUID conference, UUID child, Map<String, Object> views) {
        Api.send(as(advocate), "/api/conferences/" + conference + "/children/" + child + "/views/send",
                UUID.randomUUID().toString(), views).then().statusCode(201);
    }

    public static void chairReads(Staff chair, UUID conference, UUID child) {
        as(chair).post("/api/conferences/" + conference + "/children/" + child + "/read").then().statusCode(200);
    }

    /** The chair records that no plan is needed for every child, with a message for those given one. */
    public static void decided(Staff chair, UUID conference, Map<UUID, String> messages, List<UUID> children) {
        Api.conferenceHasStarted(conference);
        as(chair).body(Map.of("children", children.stream().map(child -> {
            Map<String, Object> decision = new HashMap<>();
            decision.put("childId", child);
            decision.put("planNeeded", false);
            decision.put("messageForChild", messages.get(child));
            return decision;
        }).toList())).put("/api/conferences/" + conference + "/decision").then().statusCode(200);
    }

    /** Moves the conference's start to when it happened. */
    public static void startedAt(UUID conference, Instant startsAt) {
        Api.inTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("update conference set starts_at = :at where id = :id")
                .setParameter("at", startsAt).setParameter("id", conference).executeUpdate()));
    }

    /** The chair's mark of reading moved to this many hours after the version they read was sent. */
    public static void chairReadHoursAfterSending(UUID conference, UUID child, int hours) {
        int moved = Api.inTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("update conference_child cc set chair_read_at = v.sent_at + make_interval(hours => :hours) "
                        + "from views v where v.conference_id = cc.conference_id and v.child_id = cc.child_id "
                        + "and v.status = 'SENT' and v.version = cc.chair_read_version "
                        + "and cc.conference_id = :conference and cc.child_id = :child")
                .setParameter("hours", hours).setParameter("conference", conference).setParameter("child", child)
                .executeUpdate()));
        if (moved != 1) {
            throw new IllegalStateException("the chair has not read this child's views: nothing to move");
        }
    }
}
