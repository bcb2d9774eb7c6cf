package app.mysay.views;

/** Why a child's words were flagged as possibly meaning danger now. A flag asks a person to look; it decides nothing. */
public enum UrgentReason {
    HURTING_ME, NOT_SAFE_NOW, HURTING_MYSELF
}
