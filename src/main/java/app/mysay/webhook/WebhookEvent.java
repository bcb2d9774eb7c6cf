package app.mysay.webhook;

/** What a delivery announces, by the name the receiver sees in {@code "event"}. */
public enum WebhookEvent {

    VIEWS_SENT("views.sent"),
    DECISION_RECORDED("decision.recorded");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
