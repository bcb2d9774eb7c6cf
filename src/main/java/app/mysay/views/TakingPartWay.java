package app.mysay.views;

/** The ways a child can take part in their conference; a child may choose several. */
public enum TakingPartWay {
    COME_TO_ALL,
    COME_TO_PART,
    COME_WITH_SUPPORTER,
    JOIN_BY_VIDEO,
    TALK_TO_CHAIR_BEFORE_BY_PHONE,
    TALK_TO_CHAIR_BEFORE_BY_EMAIL,
    TALK_TO_CHAIR_BEFORE_FACE_TO_FACE,
    WRITE_SOMETHING_TO_BE_READ_OUT,
    SOCIAL_WORKER_SHARES_MY_VIEWS,
    ADVOCATE_SHARES_MY_VIEWS,
    SMALLER_MEETING_WITH_CHAIR,
    NOT_ATTENDING;

    /** Ways that mean being in the meeting, which cannot go with NOT_ATTENDING. */
    public boolean attends() {
        return this == COME_TO_ALL || this == COME_TO_PART || this == JOIN_BY_VIDEO;
    }
}
