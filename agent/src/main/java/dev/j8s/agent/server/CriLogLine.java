package dev.j8s.agent.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * One line of a CRI container log file: {@code 2016-10-06T00:17:09.669794202Z stdout F text}. The tag
 * {@code P} marks a partial line that the runtime split (no newline follows its text), {@code F} a full one.
 */
public record CriLogLine(Instant time, String timestamp, String stream, boolean partial, byte[] content) {

    /** Parses a line without its trailing newline; returns null for a malformed line. */
    public static CriLogLine parse(byte[] line) {
        int s1 = indexOf(line, 0);
        int s2 = s1 < 0 ? -1 : indexOf(line, s1 + 1);
        if (s2 < 0) {
            return null;
        }
        String timestamp = new String(line, 0, s1, StandardCharsets.US_ASCII);
        Instant time;
        try {
            time = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
        String stream = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        // Runtimes older than the tag field wrote "time stream text"; treat those as full lines.
        int s3 = indexOf(line, s2 + 1);
        boolean tagged = s3 == s2 + 2 && (line[s2 + 1] == 'P' || line[s2 + 1] == 'F');
        boolean partial = tagged && line[s2 + 1] == 'P';
        int from = tagged ? s3 + 1 : s2 + 1;
        return new CriLogLine(time, timestamp, stream, partial, Arrays.copyOfRange(line, Math.min(from, line.length),
                line.length));
    }

    /** The bytes a client sees: the text, a newline for full lines, the timestamp first when asked for. */
    public byte[] render(boolean timestamps) {
        byte[] prefix = timestamps ? (timestamp + " ").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] out = new byte[prefix.length + content.length + (partial ? 0 : 1)];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(content, 0, out, prefix.length, content.length);
        if (!partial) {
            out[out.length - 1] = '\n';
        }
        return out;
    }

    private static int indexOf(byte[] line, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
