package app.mysay.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.mysay.accounts.StaffAccount;
import app.mysay.children.AgeBand;
import app.mysay.children.Child;
import app.mysay.children.Family;
import app.mysay.common.Timestamps;
import app.mysay.conferences.AttendanceMode;
import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceChild;
import app.mysay.conferences.ConferenceService;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.conferences.ConferenceType;
import app.mysay.invitations.Invitation;
import app.mysay.security.PasswordHasher;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Demo data for trying MySay in dev mode only: four staff, a family of two children, their conference, and an
 * invitation for each child. Sign-ins and invitation links are printed to the log. Never part of a production build.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String PASSWORD = "demo-password-1";

    void onStart(@Observes StartupEvent event, ConferenceService conferences,
            @ConfigProperty(name = "mysay.public-url") String publicUrl,
            @ConfigProperty(name = "mysay.zone") ZoneId zone) throws Throwable {
        Long staff = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> StaffAccount.count()));
        if (staff > 0) {
            LOG.info("Demo data: the database already has accounts, so none were added. Demo password: " + PASSWORD);
            return;
        }
        String hash = PasswordHasher.hashNow(PASSWORD);
        StaffAccount socialWorker = staff("sam.social-worker@demo.mysay.example", "Sam Patel", Role.SOCIAL_WORKER, hash);
        StaffAccount chair = staff("chris.chair@demo.mysay.example", "Chris Morgan", Role.CHAIR, hash);
        StaffAccount advocate = staff("alex.advocate@demo.mysay.example", "Alex Jones", Role.ADVOCATE, hash);
        StaffAccount manager = staff("morgan.manager@demo.mysay.example", "Morgan Lee", Role.MANAGER, hash);

        Family family = new Family();
        family.id = UUID.randomUUID();
        family.reference = "DEMO-FAM-001";
        family.socialWorkerId = socialWorker.id;
        family.createdAt = Timestamps.now();

        Child older = child("Jay", LocalDate.now(zone).minusYears(12).minusMonths(3), null, "DEMO-C-001", family,
                socialWorker, advocate);
        Child younger = child("Mia", null, AgeBand.AGE_5_TO_7, "DEMO-C-002", family, socialWorker, null);
        younger.communicationNeeds = "Likes pictures; reads a few words";

        Conference conference = new Conference();
        conference.id = UUID.randomUUID();
        conference.type = ConferenceType.INITIAL;
        LocalDate day = LocalDate.now(zone).plusDays(14);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1);
        }
        conference.startsAt = day.atTime(10, 0).atZone(zone).toInstant();
        conference.attendanceMode = AttendanceMode.HYBRID;
        conference.place = "Civic Centre, Room 2";
        conference.chairId = chair.id;
        conference.socialWorkerId = socialWorker.id;
        conference.viewsDue = conferences.defaultViewsDue(conference.type, conference.startsAt);
        conference.status = ConferenceStatus.SCHEDULED;
        conference.createdAt = Timestamps.now();

        String olderCode = Secrets.newInvitationCode();
        String youngerCode = Secrets.newInvitationCode();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Uni.createFrom().voidItem()
                .call(() -> StaffAccount.persist(socialWorker, chair, advocate, manager))
                .call(family::persist)
                .call(() -> Child.persist(older, younger))
                .call(conference::persist)
                .call(() -> ConferenceChild.persist(link(conference, older), link(conference, younger)))
                .call(() -> Invitation.persist(invitation(older, conference, olderCode, socialWorker),
                        invitation(younger, conference, youngerCode, socialWorker)))));

        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        LOG.infof("""

                ======================= MySay demo data =======================
                Staff sign-in (POST /api/auth/sign-in), password for all: %s
                  social worker  %s
                  chair          %s
                  advocate       %s   (allocated to Jay)
                  manager        %s
                Family DEMO-FAM-001: Jay (12) and Mia (5 to 7); initial conference on %s
                Child invitations (one use each; redeem with POST /api/child/redeem):
                  Jay  %s/join#%s
                  Mia  %s/join#%s
                API documentation: %s/q/swagger-ui
                ================================================================
                """, PASSWORD, socialWorker.email, chair.email, advocate.email, manager.email,
                conference.startsAt.atZone(zone).toLocalDate(), base, olderCode, base, youngerCode, base);
    }

    private static StaffAccount staff(String email, String name, Role role, String hash) {
        StaffAccount a = new StaffAccount();
        a.id = UUID.randomUUID();
        a.email = email;
        a.displayName = name;
        a.role = role;
        a.passwordHash = hash;
        a.enabled = true;
        a.createdAt = Timestamps.now();
        return a;
    }

    private static Child child(String knownAs, LocalDate dob, AgeBand band, String reference, Family family,
            StaffAccount socialWorker, StaffAccount advocate) {
        Child c = new Child();
        c.id = UUID.randomUUID();
        c.knownAs = knownAs;
        c.dateOfBirth = dob;
        c.ageBand = band;
        c.preferredLanguage = "en";
        c.caseReference = reference;
        c.familyId = family.id;
        c.socialWorkerId = socialWorker.id;
        c.advocateId = advocate == null ? null : advocate.id;
        c.createdAt = Timestamps.now();
        return c;
    }

    private static ConferenceChild link(Conference conference, Child child) {
        ConferenceChild link = new ConferenceChild();
        link.id = UUID.randomUUID();
        link.conferenceId = conference.id;
        link.childId = child.id;
        return link;
    }

    private static Invitation invitation(Child child, Conference conference, String code, StaffAccount socialWorker) {
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.childId = child.id;
        i.conferenceId = conference.id;
        i.codeHash = Secrets.sha256(Secrets.normaliseInvitationCode(code));
        i.createdBy = socialWorker.id;
        i.createdAt = Timestamps.now();
        i.expiresAt = Timestamps.now().plus(14, ChronoUnit.DAYS);
        return i;
    }
}
