package app.mysay.attachments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How big an upload may be, and how long one that no views name is kept (mysay.attachments.*). */
@ConfigMapping(prefix = "mysay.attachments")
public interface AttachmentLimits {

    /** A voice note's bytes: about 3 minutes of what browsers record (AAC at 128 kbit/s; Opus needs far less). */
    @WithDefault("4194304")
    int voiceMaxBytes();

    /** A picture's bytes as uploaded. */
    @WithDefault("5242880")
    int pictureMaxBytes();

    /** A picture's width and height, each, from its header, checked before decoding. */
    @WithDefault("4096")
    int pictureMaxSide();

    /** A picture's width times height, from its header, checked before decoding. */
    @WithDefault("16777216")
    long pictureMaxPixels();

    /** An upload that no version of the views names is deleted once it is this old. */
    @WithDefault("7D")
    java.time.Duration keepUnnamedFor();

    /** How often {@link AttachmentCleanup} runs ("off" in the tests, which run it by hand). */
    @WithDefault("1h")
    String cleanupEvery();
}
