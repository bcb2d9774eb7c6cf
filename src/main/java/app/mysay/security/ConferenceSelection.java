package app.mysay.security;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;

/**
 * Which conferences a question is about, as a condition on a conference {@code k} with its parameters, so that the
 * queries about them (their children, newest views, drafts, invitations) can ask for them by the same rule
 * ({@code ... in (select k.id from Conference k where ...)}) instead of by a list of ids. A list of ids is bound as
 * one parameter per id, which makes Hibernate turn the query into SQL again on every request, where a rule's query
 * is turned into SQL once. Made by {@link AccessPolicy}, for what the caller may see, or for one conference already
 * checked.
 */
public record ConferenceSelection(String where, Parameters parameters) {

    /** One conference the caller has already been allowed to see. */
    public static ConferenceSelection one(UUID conferenceId) {
        return new ConferenceSelection("k.id = :selectedConference", Parameters.with("selectedConference", conferenceId));
    }

    /**
     * These conferences after a place in the list's order (by start, then id), for the next page of a list: the
     * conference at that place is not included.
     */
    public ConferenceSelection after(Instant startsAt, UUID id) {
        return narrowed("(k.startsAt > :afterStart or (k.startsAt = :afterStart and k.id > :afterId))",
                "afterStart", startsAt, "afterId", id);
    }

    /**
     * These conferences up to and including a place in the list's order: with {@link #after}, exactly one page, so
     * that the facts about a page's conferences are read for them and not for the rest of the history.
     */
    public ConferenceSelection upTo(Instant startsAt, UUID id) {
        return narrowed("(k.startsAt < :lastStart or (k.startsAt = :lastStart and k.id <= :lastId))",
                "lastStart", startsAt, "lastId", id);
    }

    private ConferenceSelection narrowed(String condition, String startName, Instant start, String idName, UUID id) {
        Parameters copy = new Parameters();
        parameters.map().forEach(copy::and);
        return new ConferenceSelection("(" + where + ") and " + condition, copy.and(startName, start).and(idName, id));
    }

    /** The condition that {@code idPath} (a conference id, as in {@code l.conferenceId}) is one of these conferences. */
    public String contains(String idPath) {
        return idPath + " in (select k.id from Conference k where " + where + ")";
    }
}
