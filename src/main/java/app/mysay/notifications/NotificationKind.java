package app.mysay.notifications;

public enum NotificationKind {
    /** A child's views (or an advocate's on their behalf) have arrived for a conference. */
    VIEWS_SENT,
    /** To the conference's social worker: a child's views are due soon and none have been sent. */
    VIEWS_DUE_SOON,
    /** To the chair: the conference is close and the child's newest views are not yet marked read. */
    VIEWS_UNREAD,
    /** To the social workers and managers, at once: a child's words were flagged as maybe meaning danger now. */
    URGENT_VIEWS;

    /** Reminders are written by {@link Reminders}, at most once per person, conference and child. */
    public boolean isReminder() {
        return this == VIEWS_DUE_SOON || this == VIEWS_UNREAD;
    }
}
