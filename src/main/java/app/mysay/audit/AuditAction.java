package app.mysay.audit;

/** What happened. Audit records say who did what to which child, and when; never what anyone wrote. */
public enum AuditAction {
    STAFF_SIGNED_IN, STAFF_SIGN_IN_FAILED, STAFF_ACCOUNT_CREATED,
    CHILD_CREATED, CHILD_UPDATED, CONFERENCE_CREATED, CONFERENCE_CANCELLED,
    /** The conference moved to another time (and maybe place or way of joining); the views-due date with it. */
    CONFERENCE_MOVED,
    /** Someone read a child's record: alone, in a list or in a family (one per child shown). */
    CHILD_READ,
    INVITATION_CREATED, INVITATION_REDEEMED, INVITATION_REFUSED,
    CHILD_PIN_SET, CHILD_SIGNED_IN, CHILD_PIN_FAILED, CHILD_LOCKED,
    /** The social worker reset the PIN of one of the child's devices (which one in the detail). */
    CHILD_PIN_RESET,
    /** The social worker looked at the list of the child's devices (how many in the detail). */
    CHILD_DEVICES_READ,
    /**
     * One of the child's devices was taken off MySay: by the social worker (which one in the detail), or by a new
     * invitation opened in the same browser, which overwrote its cookie.
     */
    CHILD_DEVICE_REMOVED,
    VIEWS_DRAFT_READ, VIEWS_DRAFT_SAVED, VIEWS_SENT, VIEWS_READ, VIEWS_VERSION_READ, SUMMARY_READ,
    CHAIR_ACKNOWLEDGED, DECISION_RECORDED,
    /** Someone read where a conference stands for a child: alone or in a list (one per child shown). */
    STATUS_READ,
    /** A manager read the participation figures (no child's data in them; the date range in the detail). */
    FIGURES_READ,
    /** A manager searched or exported the audit trail; the filters are in the detail. */
    AUDIT_SEARCHED, AUDIT_EXPORTED,
    /** A manager checked the audit trail's hash chain; the outcome is in the detail. */
    AUDIT_VERIFIED,
    /** Sign-in attempts went over a limit (the kind in the detail); recorded once per key and window. */
    SIGN_IN_LIMITED,
    /** Someone signed out: the tokens issued before stop working at once (for a child, on that device). */
    SIGNED_OUT,
    /** A manager had the stored text re-encrypted under the primary key (how many rows in the detail). */
    FIELDS_REENCRYPTED,
    /** The retention purge removed a child's views and what goes with them; counts only in the detail. */
    VIEWS_PURGED,
    /** A manager placed (or changed the reason of) a legal hold; never the reason itself. */
    LEGAL_HOLD_PLACED, LEGAL_HOLD_LIFTED,
    /** Staff multi-factor sign-in: set up or replaced, removed (by the holder or a manager), a wrong code. */
    SECOND_FACTOR_SET_UP, SECOND_FACTOR_REMOVED, SECOND_FACTOR_FAILED,
    /** A recovery code was used to sign in (how many are left in the detail), or all were replaced. */
    RECOVERY_CODE_USED, RECOVERY_CODES_RENEWED,
    /** A staff member changed their password: every other session ended. */
    PASSWORD_CHANGED,
    /** A manager disabled or enabled a staff account (the account in the detail). */
    STAFF_ACCOUNT_DISABLED, STAFF_ACCOUNT_ENABLED,
    /**
     * A manager reset someone's sign-in (their password, and their second factor when asked), after confirming it was
     * them: the holder sets a new password through the e-mailed link. The account, and what was reset, in the detail.
     */
    STAFF_SIGN_IN_RESET,
    /** A staff member set their password through the single-use link e-mailed to them. */
    PASSWORD_SET_BY_LINK,
    /** A voice note or picture was added beside the views, or an unsent one deleted (kind and id in the detail). */
    ATTACHMENT_UPLOADED, ATTACHMENT_DELETED,
    /** Someone fetched a voice note to hear it, or a picture to see it: one event per fetch of the bytes. */
    VOICE_NOTE_PLAYED, PICTURE_VIEWED
}
