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

    /**
     * The memory one picture may take to decode, from its header before decoding (width x height x channels x bytes
     * per sample, and the copy drawing it needs; see {@link MediaSniffer}). 64 MiB takes any 8-bit RGB or RGBA picture
     * within the pixel limits; 16-bit or greyscale ones up to about 8 megapixels.
     */
    @WithDefault("67108864")
    long pictureMaxDecodedBytes();

    /**
     * How many pictures are decoded at once across this instance ({@link PictureDecodes}); with the budget above, this
     * bounds the heap that decoding can take (2 x 64 MiB, and 16 MiB for each cleaned copy).
     */
    @WithDefault("2")
    int decodesAtOnce();

    /** How long an upload waits for a decode to finish before it is answered 503 with Retry-After. */
    @WithDefault("2S")
    java.time.Duration decodeWait();

    /**
     * Uploads per child per clock hour, voice notes and pictures, whoever uploads them (the child or their advocate);
     * counted before anything is checked or decoded, refused ones included. Over it: 429 with Retry-After.
     */
    @WithDefault("30")
    int uploadsPerHour();

    /** An upload that no version of the views names is deleted once it is this old. */
    @WithDefault("7D")
    java.time.Duration keepUnnamedFor();

    /** How often {@link AttachmentCleanup} runs ("off" in the tests, which run it by hand). */
    @WithDefault("1h")
    String cleanupEvery();
}
