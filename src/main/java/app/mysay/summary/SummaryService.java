package app.mysay.summary;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.attachments.AttachmentDtos.AttachmentInfo;
import app.mysay.attachments.AttachmentDtos.Content;
import app.mysay.attachments.AttachmentKind;
import app.mysay.attachments.AttachmentService;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.children.Child;
import app.mysay.common.ApiProblem;
import app.mysay.common.Sequentially;
import app.mysay.common.Timestamps;
import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceChild;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.summary.SummaryModel.ChildSection;
import app.mysay.summary.SummaryModel.Part;
import app.mysay.summary.SummaryModel.TrendPoint;
import app.mysay.views.AuthorshipKind;
import app.mysay.views.Views;
import app.mysay.views.ViewsContent;
import app.mysay.views.ViewsContent.TextPart;
import app.mysay.views.ViewsRepository;
import app.mysay.views.ViewsRepository.NewestSafety;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The chair's summary of a conference: each child's newest views, in their own words. Each child shown is audited. */
@ApplicationScoped
public class SummaryService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' h:mm a", Locale.UK);

    private final AccessPolicy access;
    private final ViewsRepository views;
    private final AuditLog audit;
    private final AttachmentService attachments;
    private final ZoneId zone;

    SummaryService(AccessPolicy access, ViewsRepository views, AuditLog audit, AttachmentService attachments,
            @ConfigProperty(name = "mysay.zone") ZoneId zone) {
        this.access = access;
        this.views = views;
        this.audit = audit;
        this.attachments = attachments;
        this.zone = zone;
    }

    /** The printable page: one SUMMARY_READ per child shown; pictures are said in words, not shown. */
    public Uni<SummaryModel> summary(Caller caller, UUID conferenceId) {
        return summary(caller, conferenceId, false);
    }

    /**
     * The printable summary: one SUMMARY_READ per child shown. For the PDF ({@code withPictures}) each picture the
     * views name is printed with the child's words about it as its text alternative, each one audited as viewed.
     */
    @WithTransaction
    public Uni<SummaryModel> summary(Caller caller, UUID conferenceId, boolean withPictures) {
        return readable(caller, conferenceId).flatMap(r -> access.visibleConferences(caller).flatMap(visible -> {
            Map<UUID, Conference> conferences = visible.stream().collect(Collectors.toMap(k -> k.id, k -> k));
            List<ChildSection> sections = new ArrayList<>();
            return Sequentially.forEach(r.children(), c -> (withPictures && c.latest() != null
                    ? attachments.picturesToPrint(caller, conferenceId, c.child().id, c.attachments().stream()
                            .filter(i -> i.kind() == AttachmentKind.PICTURE).map(AttachmentInfo::id).toList())
                    : Uni.createFrom().item(Map.<UUID, Content>of()))
                    .flatMap(pictures -> views.newestSafetyPerConference(c.child().id, conferences.keySet())
                    .invoke(history -> {
                        List<TrendPoint> trend = trend(history, conferences, conferenceId);
                        // Shown over time, the scale is only for parents if every answer in it was.
                        boolean everyAnswerShared = trend.isEmpty()
                                || history.stream().filter(h -> h.safetyScore() != null).allMatch(NewestSafety::safetyShared);
                        sections.add(section(c.child(), c.link(), c.latest(), c.attachments(), pictures, trend,
                                everyAnswerShared));
                    })))
                    .call(() -> audited(caller, r))
                    .map(v -> model(r.conference(), sections));
        }));
    }

    /** The safety scale across the child's conferences that the caller may see, when there is more than one answer. */
    private List<TrendPoint> trend(List<NewestSafety> history, Map<UUID, Conference> conferences, UUID current) {
        return trendPoints(history, conferences).stream().map(v -> new TrendPoint(conferences.get(v.conferenceId()).startsAt.atZone(zone)
                .format(DAY), v.safetyScore(), v.conferenceId().equals(current))).toList();
    }

    /**
     * The same children and views as data, for the council's case-management system and the pack on screen, with
     * each child's safety scale across the conferences the caller may see: audited the same way.
     */
    @WithTransaction
    public Uni<SummaryExport> export(Caller caller, UUID conferenceId) {
        return readable(caller, conferenceId).call(r -> audited(caller, r))
                .flatMap(r -> access.visibleConferences(caller).flatMap(visible -> {
                    Map<UUID, Conference> conferences = visible.stream().collect(Collectors.toMap(k -> k.id, k -> k));
                    Map<UUID, List<SummaryExport.SafetyPoint>> trends = new java.util.HashMap<>();
                    return Sequentially.forEach(r.children(), c -> views.newestSafetyPerConference(c.child().id,
                            conferences.keySet()).invoke(history -> trends.put(c.child().id,
                                    trendPoints(history, conferences).stream().map(v -> new SummaryExport.SafetyPoint(
                                            v.conferenceId(), conferences.get(v.conferenceId()).startsAt,
                                            v.safetyScore(), v.safetyShared(), v.conferenceId().equals(conferenceId))).toList())))
                            .map(v -> SummaryExport.of(r.conference(), r.children(), trends));
                }));
    }

    /** The answered safety scores across the conferences, oldest first; none unless there are two or more. */
    private static List<NewestSafety> trendPoints(List<NewestSafety> history, Map<UUID, Conference> conferences) {
        List<NewestSafety> answered = history.stream().filter(v -> v.safetyScore() != null)
                .sorted(Comparator.comparing((NewestSafety v) -> conferences.get(v.conferenceId()).startsAt)).toList();
        return answered.size() < 2 ? List.of() : answered;
    }

    /**
     * A child whose views this caller may read, the child's place in the conference, the newest sent views and the
     * facts of the attachments they name.
     */
    record ReadableChild(Child child, ConferenceChild link, Views latest, List<AttachmentInfo> attachments) {
    }

    private record Readable(Conference conference, List<ReadableChild> children) {
    }

    /**
     * The conference (404 unless the caller may see it) and, in name order, each child whose views the caller may
     * read (an advocate sees only their own child); the callers audit them with {@link #audited}.
     */
    private Uni<Readable> readable(Caller caller, UUID conferenceId) {
        return access.conference(caller, conferenceId).flatMap(conference -> access.visibleChildrenOf(caller, conferenceId)
                .flatMap(children -> {
                    List<ReadableChild> readable = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Child child : children) {
                        chain = chain.call(() -> access.viewsReadable(caller, conferenceId, child.id)
                                .onFailure(ApiProblem.class).recoverWithNull()
                                .flatMap(link -> link == null ? Uni.createFrom().voidItem()
                                        : views.latestSent(conferenceId, child.id)
                                                .call(latest -> attachments.infos(latest == null ? List.of()
                                                        : latest.attachmentIds()).invoke(infos -> readable.add(
                                                                new ReadableChild(child, link, latest, infos))))
                                                .replaceWithVoid()));
                    }
                    return chain.map(v -> new Readable(conference, readable));
                }));
    }

    /** One SUMMARY_READ per child shown, in the read's own transaction: no read without its record. */
    private Uni<Void> audited(Caller caller, Readable r) {
        return Sequentially.forEach(r.children(), c -> audit.record(caller, AuditAction.SUMMARY_READ, c.child().id,
                r.conference().id, c.latest() == null ? "none sent" : "version " + c.latest().version));
    }

    private SummaryModel model(Conference c, List<ChildSection> sections) {
        return new SummaryModel(Labels.of(c.type), c.startsAt.atZone(zone).format(DAY_TIME),
                Labels.of(c.attendanceMode) + (c.place == null ? "" : ": " + c.place), c.viewsDue.format(DAY),
                c.status.name().charAt(0) + c.status.name().substring(1).toLowerCase(Locale.UK),
                Timestamps.now().atZone(zone).format(DAY_TIME), sections);
    }

    private ChildSection section(Child child, ConferenceChild link, Views latest, List<AttachmentInfo> infos,
            Map<UUID, Content> pictures, List<TrendPoint> trend, boolean everyAnswerShared) {
        String age = Labels.of(child.ageBandOn(LocalDate.now(zone)));
        if (latest == null) {
            return new ChildSection(child.knownAs, age, child.communicationNeeds, false, null, null, null, null,
                    List.of(), null, false, List.of(), List.of());
        }
        ViewsContent v = latest.content();
        List<Part> parts = new ArrayList<>();
        String whose = v.authorship().kind() == AuthorshipKind.ADVOCATE_ON_BEHALF ? "the advocate's" : "the child's";
        parts.add(text("Good things: what is going well", v.goodThings(), infos, pictures, whose));
        parts.add(text("Worries: what worries me", v.worries(), infos, pictures, whose));
        parts.add(text("Wishes: what I would like to happen", v.wishes(), infos, pictures, whose));
        List<String> takingPart = new ArrayList<>();
        if (v.takingPart() != null && v.takingPart().ways() != null) {
            v.takingPart().ways().stream().map(Labels::of).forEach(takingPart::add);
        }
        if (v.takingPart() != null && v.takingPart().whoWithMe() != null) {
            takingPart.add("Who I would like with me: " + v.takingPart().whoWithMe());
        }
        parts.add(new Part("How I want to take part", takingPart, v.takingPart() != null && v.takingPart().parentsMaySee(),
                !takingPart.isEmpty()));
        List<String> advocate = v.advocate() == null || v.advocate().choice() == null ? List.of()
                : List.of(Labels.of(v.advocate().choice()));
        parts.add(new Part("An advocate", advocate, v.advocate() != null && v.advocate().parentsMaySee(),
                !advocate.isEmpty()));
        parts.add(text("My questions for the chair", v.questions()));
        parts.add(text("What I want the chair to know first", v.tellChairFirst()));

        Integer score = v.safety() == null ? null : v.safety().score();
        return new ChildSection(child.knownAs, age, child.communicationNeeds, true,
                "Version " + latest.version + ", sent " + latest.sentAt.atZone(zone).format(DAY_TIME),
                authorship(child.knownAs, v.authorship()), readBack(child.knownAs, v.authorship()),
                link.chairReadAt == null ? "Not yet marked as read by the chair"
                        : "Marked as read by the chair on " + link.chairReadAt.atZone(zone).format(DAY_TIME)
                                + " (version " + link.chairReadVersion + ")",
                parts, score, v.safety() != null && v.safety().parentsMaySee() && everyAnswerShared,
                IntStream.rangeClosed(0, 10).boxed().toList(), trend);
    }

    /**
     * A part with its voice note and picture, if any. A voice note is said in words (it cannot be printed). A picture
     * is printed in the PDF when {@code pictures} has it, with the child's words about it as its text alternative; on
     * the printable page (no {@code img-src}) it is said in words (see docs/architecture.md).
     */
    private static Part text(String heading, TextPart part, List<AttachmentInfo> infos, Map<UUID, Content> pictures,
            String whose) {
        Part words = text(heading, part);
        if (part == null || part.voiceNote() == null && part.picture() == null) {
            return words;
        }
        String voice = part.voiceNote() == null ? null : "There is a voice note with this part" + size(infos,
                part.voiceNote()) + ". Listen to it in MySay, in the conference pack on screen.";
        Content printed = part.picture() == null ? null : pictures.get(part.picture());
        String picture = part.picture() == null ? null
                : (printed != null ? "There is a picture with this part."
                        : "There is a picture with this part. See it in MySay, in the conference pack on screen.")
                        + (part.pictureText() == null ? "" : " What is in it, in " + whose + " words:");
        String data = printed == null ? null
                : "data:" + printed.mediaType() + ";base64," + Base64.getEncoder().encodeToString(printed.bytes());
        String alt = printed == null ? null
                : part.pictureText() == null ? "A picture the child added, with no words about it" : part.pictureText();
        return new Part(heading, words.lines(), words.shared(), true, voice, picture,
                part.picture() == null ? null : part.pictureText(), data, alt);
    }

    private static String size(List<AttachmentInfo> infos, java.util.UUID id) {
        return infos.stream().filter(i -> i.id().equals(id) && i.kind() == AttachmentKind.VOICE).findFirst()
                .map(i -> " (" + Math.max(1, Math.round(i.bytes() / 1024.0)) + " KB)").orElse("");
    }

    private static Part text(String heading, TextPart part) {
        boolean answered = part != null && part.text() != null;
        return new Part(heading, answered ? List.of(part.text()) : List.of(), part != null && part.parentsMaySee(),
                answered);
    }

    /**
     * Who wrote it, in plain words, shown first: the same sentences as the pack on screen ({@code Pack.tsx}).
     * An advocate's account is said to be the advocate's, never the child's own words.
     */
    static String authorship(String name, ViewsContent.Authorship a) {
        String helper = a.helperName() == null ? "someone" : a.helperName() + (a.helperRole() == null ? ""
                : " (" + a.helperRole() + ")");
        return switch (a.kind()) {
            case CHILD -> "Written by " + name + ", in " + name + "'s own words.";
            case CHILD_WITH_HELP -> name + "'s own words, written down with help from " + helper + ".";
            case ADVOCATE_ON_BEHALF -> "Written by " + helper + " for " + name + ": this is the advocate's account, not "
                    + name + "'s own words.";
        };
    }

    static String readBack(String name, ViewsContent.Authorship a) {
        if (a.kind() == AuthorshipKind.CHILD || a.readBackAgreed() == null) {
            return null;
        }
        return a.readBackAgreed() ? name + " heard this read back and agrees with it."
                : name + " did not hear this read back or does not agree. Reason given: " + a.notReadBackReason();
    }
}
