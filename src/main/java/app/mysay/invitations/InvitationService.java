package app.mysay.invitations;

import app.mysay.common.QrCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.conferences.ConferenceRepository;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.invitations.InvitationDtos.InvitationCreated;
import app.mysay.invitations.InvitationDtos.InvitationView;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.Secrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A social worker invites a child to give views for a conference; re-inviting replaces the unused code. */
@ApplicationScoped
public class InvitationService {

    private final InvitationRepository invitations;
    private final ConferenceRepository conferences;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Duration lifetime;
    private final String publicUrl;

    InvitationService(InvitationRepository invitations, ConferenceRepository conferences, AccessPolicy access,
            AuditLog audit, @ConfigProperty(name = "mysay.invitation.lifetime") Duration lifetime,
            @ConfigProperty(name = "mysay.public-url") String publicUrl) {
        this.invitations = invitations;
        this.conferences = conferences;
        this.access = access;
        this.audit = audit;
        this.lifetime = lifetime;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @WithTransaction
    public Uni<InvitationCreated> invite(Caller socialWorker, UUID conferenceId, UUID childId) {
        return access.invitable(socialWorker, conferenceId, childId)
                .flatMap(link -> conferences.findById(conferenceId))
                .flatMap(conference -> {
                    if (conference.status != ConferenceStatus.SCHEDULED) {
                        return Uni.createFrom().failure(ApiProblem.conflict(
                                "Children can only be invited to a conference that is still to happen."));
                    }
                    Instant now = Timestamps.now();
                    String code = Secrets.newInvitationCode();
                    Invitation invitation = new Invitation();
                    invitation.id = UUID.randomUUID();
                    invitation.childId = childId;
                    invitation.conferenceId = conferenceId;
                    invitation.codeHash = Secrets.sha256(Secrets.normaliseInvitationCode(code));
                    invitation.createdBy = socialWorker.id();
                    invitation.createdAt = now;
                    invitation.expiresAt = now.plus(lifetime);
                    return invitations.revokeOpen(childId, conferenceId, now)
                            .call(() -> invitations.persist(invitation))
                            .call(() -> audit.record(socialWorker, AuditAction.INVITATION_CREATED, childId, conferenceId,
                                    null))
                            .map(n -> {
                                String link = publicUrl + "/join#" + code;
                                return new InvitationCreated(invitation.id, childId, conferenceId, code, link,
                                        invitation.expiresAt, QrCodes.of(link));
                            });
                });
    }

    @WithSession
    public Uni<List<InvitationView>> list(Caller socialWorker, UUID conferenceId, UUID childId) {
        return access.invitable(socialWorker, conferenceId, childId)
                .flatMap(link -> invitations.forChildAndConference(childId, conferenceId))
                .map(list -> {
                    Instant now = Timestamps.now();
                    return list.stream().map(i -> new InvitationView(i.id, i.createdAt, i.expiresAt, i.stateAt(now),
                            i.redeemedAt)).toList();
                });
    }
}
