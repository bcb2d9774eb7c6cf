package app.mysay.views;

/** Who wrote the views. Always shown with them, so the chair never mistakes an advocate's summary for the child's words. */
public enum AuthorshipKind {
    /** The child's own words, written by the child. */
    CHILD,
    /** The child's own words, written down with help from someone (name and role recorded). */
    CHILD_WITH_HELP,
    /** An advocate's account of the child's views, on the child's behalf. */
    ADVOCATE_ON_BEHALF
}
