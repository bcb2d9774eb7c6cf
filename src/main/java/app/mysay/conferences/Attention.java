package app.mysay.conferences;

/**
 * Why a child's place in a conference needs someone to look: facts that put it first in the workspace. Urgent ones
 * are about the child's safety; the others are about getting the child heard in time.
 */
public enum Attention {
    /** The child's newest words were flagged as maybe meaning danger now (see app.mysay.views.UrgentWords). */
    URGENT_WORDS(true),
    /** The child put themselves low on the safety scale (at or below mysay.attention.low-safety-score). */
    LOW_SAFETY_SCORE(true),
    /** The child asked to talk to the chair before the meeting, or wrote something for the chair to hear first. */
    WANTS_TO_TALK_TO_CHAIR_FIRST(false),
    /** The child asked for an advocate. */
    WANTS_AN_ADVOCATE(false),
    /** The child's device is locked after too many wrong PINs: they cannot get in until their PIN is reset. */
    DEVICE_LOCKED(false),
    /** Nothing sent, the views are due, and no invitation is open or used. */
    NOT_INVITED(false),
    /** Nothing sent and the date views were due has passed. */
    VIEWS_OVERDUE(false),
    /** Views arrived and the chair has not marked the newest version read. */
    UNREAD_BY_CHAIR(false);

    private final boolean urgent;

    Attention(boolean urgent) {
        this.urgent = urgent;
    }

    public boolean urgent() {
        return urgent;
    }
}
