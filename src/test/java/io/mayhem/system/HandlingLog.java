package io.mayhem.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an instance's log says it did with each request: where it began handling one ("Consumed ...": taken
 * from the broker and stored with its lease; "Reclaimed abandoned ...": taken over by the sweeper) and where
 * it acked one ("Done. Acked ..."), with Payara's timeMillis of the line.
 */
final class HandlingLog {

    enum Kind { CONSUMED, RECLAIMED, ACKED }

    record Entry(int instance, long at, Kind kind, String messageId) {
        boolean start() {
            return kind != Kind.ACKED;
        }
    }

    private static final Pattern LINE = Pattern.compile("\\[timeMillis: (\\d+)].*?"
            + "(Consumed|Reclaimed abandoned|Done\\. Acked) RestartRequest.*\\[message_id=([0-9a-f-]{36})]");

    private HandlingLog() {
    }

    static List<Entry> read(int instance, Path log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        // decoded leniently: the last line of a killed instance may end anywhere
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                Kind kind = switch (m.group(2)) {
                    case "Consumed" -> Kind.CONSUMED;
                    case "Reclaimed abandoned" -> Kind.RECLAIMED;
                    default -> Kind.ACKED;
                };
                entries.add(new Entry(instance, Long.parseLong(m.group(1)), kind, m.group(3)));
            }
        }
        return entries;
    }
}
