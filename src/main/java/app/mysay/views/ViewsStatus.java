package app.mysay.views;

public enum ViewsStatus {
    DRAFT, SENT
}
