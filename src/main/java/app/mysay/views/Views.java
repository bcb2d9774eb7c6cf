package app.mysay.views;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;
import app.mysay.security.Role;
import app.mysay.views.ViewsContent.AdvocatePart;
import app.mysay.views.ViewsContent.Authorship;
import app.mysay.views.ViewsContent.SafetyPart;
import app.mysay.views.ViewsContent.TakingPart;
import app.mysay.views.ViewsContent.TextPart;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A child's views for one conference: a DRAFT being written by one author, or a SENT version, which the
 * database refuses to change.
 */
@Entity
@Table(name = "views")
public class Views extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Enumerated(EnumType.STRING)
    public ViewsStatus status;

    public Integer version;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role")
    public Role authorRole;

    @Column(name = "author_id")
    public UUID authorId;

    @Transient
    public String goodThings;
    @Column(name = "good_things_shared")
    public boolean goodThingsShared;

    @Transient
    public String worries;
    @Column(name = "worries_shared")
    public boolean worriesShared;

    @Transient
    public String wishes;
    @Column(name = "wishes_shared")
    public boolean wishesShared;

    /** The child's own answer on the safety scale: their words, so stored encrypted (safety_score_enc). */
    @Transient
    public Short safetyScore;
    @Column(name = "safety_shared")
    public boolean safetyShared;

    @Convert(converter = TakingPartWaysConverter.class)
    @Column(name = "taking_part_ways")
    public Set<TakingPartWay> takingPartWays;
    @Transient
    public String whoWithMe;
    @Column(name = "taking_part_shared")
    public boolean takingPartShared;

    @Enumerated(EnumType.STRING)
    @Column(name = "advocate_choice")
    public AdvocateChoice advocateChoice;
    @Column(name = "advocate_shared")
    public boolean advocateShared;

    @Transient
    public String questionsForChair;
    @Column(name = "questions_shared")
    public boolean questionsShared;

    @Transient
    public String tellChairFirst;
    @Column(name = "tell_chair_first_shared")
    public boolean tellChairFirstShared;

    @Enumerated(EnumType.STRING)
    public AuthorshipKind authorship;
    @Transient
    public String helperName;
    @Transient
    public String helperRole;
    @Column(name = "read_back_agreed")
    public Boolean readBackAgreed;
    @Transient
    public String notReadBackReason;

    // The free text as stored: encrypted (app.mysay.security.FieldEncryption). The fields above hold it decrypted.
    @Column(name = "good_things_enc")
    byte[] goodThingsEnc;
    @Column(name = "worries_enc")
    byte[] worriesEnc;
    @Column(name = "wishes_enc")
    byte[] wishesEnc;
    @Column(name = "who_with_me_enc")
    byte[] whoWithMeEnc;
    @Column(name = "questions_for_chair_enc")
    byte[] questionsForChairEnc;
    @Column(name = "tell_chair_first_enc")
    byte[] tellChairFirstEnc;
    @Column(name = "helper_name_enc")
    byte[] helperNameEnc;
    @Column(name = "helper_role_enc")
    byte[] helperRoleEnc;
    @Column(name = "not_read_back_reason_enc")
    byte[] notReadBackReasonEnc;
    @Column(name = "safety_score_enc")
    byte[] safetyScoreEnc;

    // Beside the three houses: a voice note and a picture (attachments, by id), and the words about the picture.
    @Column(name = "good_things_voice_id")
    public UUID goodThingsVoiceId;
    @Column(name = "good_things_picture_id")
    public UUID goodThingsPictureId;
    @Transient
    public String goodThingsPictureText;
    @Column(name = "worries_voice_id")
    public UUID worriesVoiceId;
    @Column(name = "worries_picture_id")
    public UUID worriesPictureId;
    @Transient
    public String worriesPictureText;
    @Column(name = "wishes_voice_id")
    public UUID wishesVoiceId;
    @Column(name = "wishes_picture_id")
    public UUID wishesPictureId;
    @Transient
    public String wishesPictureText;
    @Column(name = "good_things_picture_text_enc")
    byte[] goodThingsPictureTextEnc;
    @Column(name = "worries_picture_text_enc")
    byte[] worriesPictureTextEnc;
    @Column(name = "wishes_picture_text_enc")
    byte[] wishesPictureTextEnc;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * For a sent version: the reasons its words were flagged as maybe meaning danger now, comma-separated; else null.
     * Whether the version is urgent is UrgentRule's to say (from these and the safety score).
     */
    @Column(name = "urgent_reasons")
    public String urgentReasons;

    /** Every free-text answer, for the urgent-words check. */
    public java.util.stream.Stream<String> texts() {
        return java.util.stream.Stream.of(goodThings, worries, wishes, whoWithMe, questionsForChair, tellChairFirst,
                goodThingsPictureText, worriesPictureText, wishesPictureText);
    }

    /** Copies normalised content into the columns. */
    public void apply(ViewsContent c) {
        goodThings = c.goodThings() == null ? null : c.goodThings().text();
        goodThingsShared = c.goodThings() != null && c.goodThings().parentsMaySee();
        goodThingsVoiceId = c.goodThings() == null ? null : c.goodThings().voiceNote();
        goodThingsPictureId = c.goodThings() == null ? null : c.goodThings().picture();
        goodThingsPictureText = c.goodThings() == null ? null : c.goodThings().pictureText();
        worries = c.worries() == null ? null : c.worries().text();
        worriesShared = c.worries() != null && c.worries().parentsMaySee();
        worriesVoiceId = c.worries() == null ? null : c.worries().voiceNote();
        worriesPictureId = c.worries() == null ? null : c.worries().picture();
        worriesPictureText = c.worries() == null ? null : c.worries().pictureText();
        wishes = c.wishes() == null ? null : c.wishes().text();
        wishesShared = c.wishes() != null && c.wishes().parentsMaySee();
        wishesVoiceId = c.wishes() == null ? null : c.wishes().voiceNote();
        wishesPictureId = c.wishes() == null ? null : c.wishes().picture();
        wishesPictureText = c.wishes() == null ? null : c.wishes().pictureText();
        safetyScore = c.safety() == null || c.safety().score() == null ? null : c.safety().score().shortValue();
        safetyShared = c.safety() != null && c.safety().parentsMaySee();
        takingPartWays = c.takingPart() == null ? null : c.takingPart().ways();
        whoWithMe = c.takingPart() == null ? null : c.takingPart().whoWithMe();
        takingPartShared = c.takingPart() != null && c.takingPart().parentsMaySee();
        advocateChoice = c.advocate() == null ? null : c.advocate().choice();
        advocateShared = c.advocate() != null && c.advocate().parentsMaySee();
        questionsForChair = c.questions() == null ? null : c.questions().text();
        questionsShared = c.questions() != null && c.questions().parentsMaySee();
        tellChairFirst = c.tellChairFirst() == null ? null : c.tellChairFirst().text();
        tellChairFirstShared = c.tellChairFirst() != null && c.tellChairFirst().parentsMaySee();
        authorship = c.authorship().kind();
        helperName = c.authorship().helperName();
        helperRole = c.authorship().helperRole();
        readBackAgreed = c.authorship().readBackAgreed();
        notReadBackReason = c.authorship().notReadBackReason();
        encrypt();
    }

    /**
     * Encrypts the free text into the stored columns. {@link #apply} calls it, so that a changed draft is dirty for
     * Hibernate (a change to the transient fields alone would not be written); persisting calls it again in case.
     */
    @PrePersist
    void encrypt() {
        FieldEncryption crypto = FieldEncryption.current();
        goodThingsEnc = crypto.encrypt(goodThings, place("good_things_enc"));
        worriesEnc = crypto.encrypt(worries, place("worries_enc"));
        wishesEnc = crypto.encrypt(wishes, place("wishes_enc"));
        whoWithMeEnc = crypto.encrypt(whoWithMe, place("who_with_me_enc"));
        questionsForChairEnc = crypto.encrypt(questionsForChair, place("questions_for_chair_enc"));
        tellChairFirstEnc = crypto.encrypt(tellChairFirst, place("tell_chair_first_enc"));
        helperNameEnc = crypto.encrypt(helperName, place("helper_name_enc"));
        helperRoleEnc = crypto.encrypt(helperRole, place("helper_role_enc"));
        notReadBackReasonEnc = crypto.encrypt(notReadBackReason, place("not_read_back_reason_enc"));
        safetyScoreEnc = crypto.encrypt(safetyScore == null ? null : safetyScore.toString(), place("safety_score_enc"));
        goodThingsPictureTextEnc = crypto.encrypt(goodThingsPictureText, place("good_things_picture_text_enc"));
        worriesPictureTextEnc = crypto.encrypt(worriesPictureText, place("worries_picture_text_enc"));
        wishesPictureTextEnc = crypto.encrypt(wishesPictureText, place("wishes_picture_text_enc"));
    }

    /** A stored safety score (safety_score_enc of this views row and child), decrypted; null when not answered. */
    static Short safetyScore(FieldEncryption crypto, byte[] stored, UUID id, UUID childId) {
        String score = crypto.decrypt(stored, new Place("views", "safety_score_enc", id, childId));
        return score == null ? null : Short.valueOf(score);
    }

    @PostLoad
    void decrypt() {
        FieldEncryption crypto = FieldEncryption.current();
        goodThings = crypto.decrypt(goodThingsEnc, place("good_things_enc"));
        worries = crypto.decrypt(worriesEnc, place("worries_enc"));
        wishes = crypto.decrypt(wishesEnc, place("wishes_enc"));
        whoWithMe = crypto.decrypt(whoWithMeEnc, place("who_with_me_enc"));
        questionsForChair = crypto.decrypt(questionsForChairEnc, place("questions_for_chair_enc"));
        tellChairFirst = crypto.decrypt(tellChairFirstEnc, place("tell_chair_first_enc"));
        helperName = crypto.decrypt(helperNameEnc, place("helper_name_enc"));
        helperRole = crypto.decrypt(helperRoleEnc, place("helper_role_enc"));
        notReadBackReason = crypto.decrypt(notReadBackReasonEnc, place("not_read_back_reason_enc"));
        safetyScore = safetyScore(crypto, safetyScoreEnc, id, childId);
        goodThingsPictureText = crypto.decrypt(goodThingsPictureTextEnc, place("good_things_picture_text_enc"));
        worriesPictureText = crypto.decrypt(worriesPictureTextEnc, place("worries_picture_text_enc"));
        wishesPictureText = crypto.decrypt(wishesPictureTextEnc, place("wishes_picture_text_enc"));
    }

    private Place place(String column) {
        return new Place("views", column, id, childId);
    }

    public ViewsContent content() {
        return new ViewsContent(
                text(goodThings, goodThingsShared, goodThingsVoiceId, goodThingsPictureId, goodThingsPictureText),
                text(worries, worriesShared, worriesVoiceId, worriesPictureId, worriesPictureText),
                text(wishes, wishesShared, wishesVoiceId, wishesPictureId, wishesPictureText),
                safetyScore == null && !safetyShared ? null
                        : new SafetyPart(safetyScore == null ? null : safetyScore.intValue(), safetyShared),
                takingPartWays == null && whoWithMe == null && !takingPartShared ? null
                        : new TakingPart(takingPartWays, whoWithMe, takingPartShared),
                advocateChoice == null && !advocateShared ? null : new AdvocatePart(advocateChoice, advocateShared),
                text(questionsForChair, questionsShared),
                text(tellChairFirst, tellChairFirstShared),
                new Authorship(authorship, helperName, helperRole, readBackAgreed, notReadBackReason));
    }

    private static TextPart text(String text, boolean shared) {
        return text == null && !shared ? null : new TextPart(text, shared);
    }

    private static TextPart text(String text, boolean shared, UUID voiceNote, UUID picture, String pictureText) {
        return text == null && !shared && voiceNote == null && picture == null ? null
                : new TextPart(text, shared, voiceNote, picture, pictureText);
    }

    /** Every attachment this version names. */
    public java.util.Set<UUID> attachmentIds() {
        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
        for (UUID id : new UUID[] { goodThingsVoiceId, goodThingsPictureId, worriesVoiceId, worriesPictureId,
                wishesVoiceId, wishesPictureId }) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
