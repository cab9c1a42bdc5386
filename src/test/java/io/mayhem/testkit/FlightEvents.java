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
 * <p>What it replaces: asyncio code has no flight recorder; the nearest pytest habit is a mocked metrics or
 * tracing client ({@code statsd}, an OpenTelemetry in-memory span exporter) whose calls the test asserts on.
 * Here the code emits real {@code jdk.jfr.Event}s and the test reads the recording file, so it proves what an
 * operator's {@code jfr print} would show.
 *
 * <pre>{@code
 * List<RecordedEvent> events = FlightEvents.during("mayhem.LeaseExtended", () -> time.advance(ofSeconds(3)));
 * assertThat(events).extracting(e -> e.getInt("extendedCount")).containsExactly(1, 2);
 * }</pre>
 */
public final class FlightEvents {

    private FlightEvents() {
    }

    /**
     * Runs {@code action} on the calling thread while a recording of {@code eventName} is on, and returns the
     * events of that name the recording holds, in the order the file lists them. Other threads' events of that
     * name during the action are included too.
     *
     * @param eventName the event type's name, as in its {@code @Name} annotation
     * @param action what should (or should not) commit the events
     * @return the recorded events, empty when none was committed
     * @throws java.io.UncheckedIOException when the recording cannot be written or read
     */
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
