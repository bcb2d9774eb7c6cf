package app.mysay.conferences;

public enum ConferenceType {
    /** The first conference: reports are shared 2 working days before. */
    INITIAL(2),
    /** A review (after 3 months, then every 6): reports are shared 7 working days before. */
    REVIEW(7);

    private final int workingDaysNotice;

    ConferenceType(int workingDaysNotice) {
        this.workingDaysNotice = workingDaysNotice;
    }

    public int workingDaysNotice() {
        return workingDaysNotice;
    }
}
