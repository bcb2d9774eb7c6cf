package app.mysay.conferences;

/** The categories under which a Child Protection Plan is made. */
public enum HarmCategory {
    EMOTIONAL, PHYSICAL, SEXUAL, NEGLECT
}
