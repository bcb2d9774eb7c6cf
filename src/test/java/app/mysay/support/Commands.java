package app.mysay.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A command-line tool the tests use (npm, node, openssl, promtool), run to its end with its output kept. */
public final class Commands {

    public record Result(int exitCode, String output) {

        /** The output, failing with it when the command did not succeed. */
        public String succeeded() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + ":\n" + output);
            }
            return output;
        }
    }

    private Commands() {
    }

    /** A tool's name and its arguments, as one command line for {@link #run}. */
    public static String[] line(String tool, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = tool;
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return command;
    }

    /**
     * Runs {@code command} in {@code dir}, its output and errors together; a command that does not finish in time, or
     * is not installed, fails the test saying which.
     */
    public static Result run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("mysay-command", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError(command[0] + " is needed here and could not be started (is it installed?)", e);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
