package app.mysay.notifications;

public enum NotificationKind {
    /** A child's views (or an advocate's on their behalf) have arrived for a conference. */
    VIEWS_SENT,
    /** To the conference's social worker: a child's views are due soon and none have been sent. */
    VIEWS_DUE_SOON,
    /** To the chair: the conference is close and the child's newest views are not yet marked read. */
    VIEWS_UNREAD,
    /** To the social workers and managers, at once: a child's words were flagged as maybe meaning danger now. */
    URGENT_VIEWS,
    /** To the chair, the social worker and the children's advocates (not whoever moved it): a new date or time. */
    CONFERENCE_MOVED,
    /** To a new member of staff: the single-use link to set their own password (made when the e-mail is sent). */
    ACCOUNT_CREATED,
    /** To a member of staff whose sign-in a manager reset: it was done, and a link to set a new password. */
    SIGN_IN_RESET;

    /** Reminders are written by {@link Reminders}, at most once per person, conference and child. */
    public boolean isReminder() {
        return this == VIEWS_DUE_SOON || this == VIEWS_UNREAD;
    }

    /**
     * The e-mail carries a set-password link. Its token is made when the e-mail is sent, and only its hash kept, so
     * it is in no table; a retry sends a new link, and only the newest one works.
     */
    public boolean carriesPasswordLink() {
        return this == ACCOUNT_CREATED || this == SIGN_IN_RESET;
    }
}
