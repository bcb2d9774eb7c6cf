package app.mysay.attachments;

/** What a child added beside their words: a voice note, or a picture (a drawing, or a photo of one). */
public enum AttachmentKind {
    VOICE, PICTURE
}
