package app.mysay.conferences;

public enum ConferenceStatus {
    SCHEDULED, HELD, CANCELLED
}
