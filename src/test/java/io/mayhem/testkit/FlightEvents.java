package io.mayhem.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the JDK Flight Recorder events of one name while an action runs, and reads them back as the
 * {@code jfr} tool would: an event that was never committed is simply not there.
 *
 * <pre>{@code
 * List<RecordedEvent> events = FlightEvents.during("mayhem.LeaseExtended", () -> time.advance(ofSeconds(3)));
 * assertThat(events).extracting(e -> e.getInt("extendedCount")).containsExactly(1, 2);
 * }</pre>
 */
public final class FlightEvents {

    private FlightEvents() {
    }

    public static List<RecordedEvent> during(String eventName, Runnable action) {
        try (Recording recording = new Recording()) {
            recording.enable(eventName);
            recording.start();
            action.run();
            recording.stop();
            Path file = Files.createTempFile("mayhem-test-", ".jfr");
            try {
                recording.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .filter(event -> event.getEventType().getName().equals(eventName)).toList();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
