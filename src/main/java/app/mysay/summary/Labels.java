package app.mysay.summary;

import app.mysay.children.AgeBand;
import app.mysay.conferences.AttendanceMode;
import app.mysay.conferences.ConferenceType;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.TakingPartWay;

/** The plain-English words the summary uses for each choice a child can make. */
final class Labels {

    private Labels() {
    }

    static String of(TakingPartWay way) {
        return switch (way) {
            case COME_TO_ALL -> "Come to all of the meeting";
            case COME_TO_PART -> "Come to part of the meeting";
            case COME_WITH_SUPPORTER -> "Come with a supporter or advocate";
            case JOIN_BY_VIDEO -> "Join by video";
            case TALK_TO_CHAIR_BEFORE_BY_PHONE -> "Talk to the chair before the meeting, by phone";
            case TALK_TO_CHAIR_BEFORE_BY_EMAIL -> "Talk to the chair before the meeting, by email";
            case TALK_TO_CHAIR_BEFORE_FACE_TO_FACE -> "Talk to the chair before the meeting, face to face";
            case WRITE_SOMETHING_TO_BE_READ_OUT -> "Write something to be read out";
            case SOCIAL_WORKER_SHARES_MY_VIEWS -> "My social worker shares my views";
            case ADVOCATE_SHARES_MY_VIEWS -> "An advocate shares my views";
            case SMALLER_MEETING_WITH_CHAIR -> "A separate, smaller meeting with the chair";
            case NOT_ATTENDING -> "I do not want to go to the meeting";
        };
    }

    static String of(AdvocateChoice choice) {
        return switch (choice) {
            case WANT_ONE -> "I would like an advocate";
            case HAVE_ONE -> "I already have an advocate";
            case NO_THANKS -> "No thanks, I do not want an advocate";
        };
    }

    static String of(ConferenceType type) {
        return type == ConferenceType.INITIAL ? "Initial child protection conference" : "Review child protection conference";
    }

    static String of(AttendanceMode mode) {
        return switch (mode) {
            case IN_PERSON -> "In person";
            case VIDEO -> "By video";
            case HYBRID -> "In person and by video";
        };
    }

    static String of(AgeBand band) {
        if (band == null) {
            return "Age not recorded";
        }
        return switch (band) {
            case UNDER_5 -> "Under 5";
            case AGE_5_TO_7 -> "Aged 5 to 7";
            case AGE_8_TO_11 -> "Aged 8 to 11";
            case AGE_12_TO_15 -> "Aged 12 to 15";
            case AGE_16_TO_17 -> "Aged 16 or 17";
        };
    }
}
