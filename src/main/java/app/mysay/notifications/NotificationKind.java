package app.mysay.notifications;

public enum NotificationKind {
    /** A child's views (or an advocate's on their behalf) have arrived for a conference. */
    VIEWS_SENT
}
