package app.mysay.security;

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

    /** The condition that {@code idPath} (a conference id, as in {@code l.conferenceId}) is one of these conferences. */
    public String contains(String idPath) {
        return idPath + " in (select k.id from Conference k where " + where + ")";
    }
}
