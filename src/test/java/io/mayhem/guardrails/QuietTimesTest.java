package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietTimesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static boolean quiet(QuietTimes quiet, String instant) {
        return quiet.refusal(TargetFilterTest.request("cattle-1"), Instant.parse(instant)).isPresent();
    }

    /** Walks one local day of {@code zone} on the virtual clock, minute by minute: [minutes walked, minutes quiet]. */
    static int[] minutesOfTheDay(QuietTimes quiet, LocalDate day, ZoneId zone) {
        VirtualScheduler time = new VirtualScheduler(day.atStartOfDay(zone).toInstant());
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        int walked = 0;
        int quietMinutes = 0;
        while (time.now().isBefore(end)) {
            quietMinutes += quiet.refusal(time.now()).isPresent() ? 1 : 0;
            walked++;
            time.advance(Duration.ofMinutes(1));
        }
        return new int[] {walked, quietMinutes};
    }

    @Test
    void withoutSettingsNoTimeIsQuiet() {
        QuietTimes none = QuietTimes.parse(" ", ",", null, "");

        assertThat(none.isEmpty()).isTrue();
        assertThat(minutesOfTheDay(none, LocalDate.parse("2026-12-24"), ZoneId.of("UTC"))).containsExactly(1440, 0);
        assertThat(QuietTimes.none()).hasToString("weekdays none; times of day none; days of the year none; time zone UTC");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-06-05T21:59:59.999Z, false",  // Friday 23:59:59.999 in Berlin
        "2026-06-05T22:00:00Z, true",       // Saturday 00:00 in Berlin, still Friday in UTC
        "2026-06-07T21:59:59.999Z, true",   // Sunday 23:59:59.999
        "2026-06-07T22:00:00Z, false"})     // Monday 00:00
    void weekdaysBeginAndEndAtLocalMidnight(String instant, boolean refused) {
        QuietTimes quiet = QuietTimes.parse("Sat,Sun", null, null, "Europe/Berlin");

        assertThat(quiet(quiet, instant)).isEqualTo(refused);
    }

    @Test
    void aQuietWeekdayIsRefusedNamingTheKeyItsValueAndTheZone() {
        QuietTimes quiet = QuietTimes.parse(" sunday , SAT", null, null, "Europe/Berlin");

        assertThat(quiet.refusal(Instant.parse("2026-06-06T10:00:00Z")))
                .contains("quiet time: Saturday is in mayhem.quiet.weekdays (Sat,Sun, Europe/Berlin)");
        assertThat(QuietTimes.parse("Sat", null, null, null).refusal(Instant.parse("2026-06-05T22:00:00Z"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-06-01T07:59:59.999Z, true",
        "2026-06-01T08:00:00Z, false",
        "2026-06-01T10:59:59.999Z, false",
        "2026-06-01T11:00:00Z, true",
        "2026-06-01T12:59:59.999Z, true",
        "2026-06-01T13:00:00Z, false",
        "2026-06-01T21:59:59.999Z, false",
        "2026-06-01T22:00:00Z, true",
        "2026-06-01T23:59:59.999Z, true",
        "2026-06-02T00:00:00Z, true"})
    void aRangeHoldsFromItsStartUpToItsEndAndCrossesMidnight(String instant, boolean refused) {
        QuietTimes quiet = QuietTimes.parse(null, "22:00-08:00, 11:00-13:00", null, null);

        assertThat(quiet(quiet, instant)).isEqualTo(refused);
    }

    @Test
    void aQuietTimeOfDayIsRefusedWithTheLocalTime() {
        QuietTimes quiet = QuietTimes.parse(null, "22:00-8:00,11:00-13:00", null, "Europe/Berlin");

        assertThat(quiet.refusal(Instant.parse("2026-01-15T22:15:00Z")))
                .contains("quiet time: 23:15 is in mayhem.quiet.times-of-day (22:00-08:00,11:00-13:00, Europe/Berlin)");
        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2026-01-15"), BERLIN)).containsExactly(1440, 12 * 60);
    }

    @Test
    void aRangeToMidnightEndsAtMidnight() {
        QuietTimes quiet = QuietTimes.parse(null, "22:00-00:00", null, null);

        assertThat(quiet(quiet, "2026-06-01T23:59:59.999Z")).isTrue();
        assertThat(quiet(quiet, "2026-06-02T00:00:00Z")).isFalse();
        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2026-06-01"), ZoneId.of("UTC"))).containsExactly(1440, 120);
    }

    @Test
    void theHourSkippedInSpringIsNeverQuietAndItsNeighboursAreCutShort() {
        LocalDate spring = LocalDate.parse("2026-03-29");   // Berlin: 02:00 CET becomes 03:00 CEST

        assertThat(minutesOfTheDay(QuietTimes.parse(null, "02:00-03:00", null, "Europe/Berlin"), spring, BERLIN))
                .containsExactly(23 * 60, 0);
        assertThat(minutesOfTheDay(QuietTimes.parse(null, "01:30-02:30", null, "Europe/Berlin"), spring, BERLIN))
                .containsExactly(23 * 60, 30);
        assertThat(minutesOfTheDay(QuietTimes.parse(null, "02:00-03:00", null, "Europe/Berlin"),
                LocalDate.parse("2026-03-28"), BERLIN)).containsExactly(24 * 60, 60);
    }

    @Test
    void theHourRepeatedInAutumnIsQuietBothTimes() {
        QuietTimes quiet = QuietTimes.parse(null, "02:00-03:00", null, "Europe/Berlin");

        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2026-10-25"), BERLIN)).containsExactly(25 * 60, 120);
        assertThat(quiet(quiet, "2026-10-24T23:59:59.999Z")).isFalse();   // 01:59:59.999 CEST
        assertThat(quiet(quiet, "2026-10-25T00:00:00Z")).isTrue();         // 02:00 CEST
        assertThat(quiet.refusal(Instant.parse("2026-10-25T01:30:00Z")))   // 02:30 CET, the second time
                .contains("quiet time: 02:30 is in mayhem.quiet.times-of-day (02:00-03:00, Europe/Berlin)");
        assertThat(quiet(quiet, "2026-10-25T02:00:00Z")).isFalse();        // 03:00 CET
    }

    @ParameterizedTest
    @CsvSource({
        "2026-12-23T14:59:59.999Z, Asia/Tokyo, false",  // Dec 23 23:59:59.999 in Tokyo
        "2026-12-23T15:00:00Z, Asia/Tokyo, true",       // Dec 24 00:00 in Tokyo, UTC still on Dec 23
        "2026-12-24T14:59:59.999Z, Asia/Tokyo, true",
        "2026-12-24T15:00:00Z, Asia/Tokyo, false",
        "2026-12-23T15:00:00Z, UTC, false",
        "2026-12-24T23:59:59.999Z, UTC, true",
        "2026-12-25T03:00:00Z, America/New_York, true"})  // Dec 24 22:00 in New York, Dec 25 in UTC
    void aDayOfTheYearIsTheLocalDate(String instant, String zone, boolean refused) {
        QuietTimes quiet = QuietTimes.parse(null, null, "Apr1,Dec24", zone);

        assertThat(quiet(quiet, instant)).isEqualTo(refused);
    }

    @Test
    void aQuietDayOfTheYearIsRefusedWithTheDay() {
        QuietTimes quiet = QuietTimes.parse(null, null, "apr1, DEC 24,jan01", "Asia/Tokyo");

        assertThat(quiet.refusal(Instant.parse("2026-12-23T15:00:00Z")))
                .contains("quiet time: Dec24 is in mayhem.quiet.days-of-year (Apr1,Dec24,Jan1, Asia/Tokyo)");
    }

    @Test
    void february29IsQuietOnlyInLeapYears() {
        QuietTimes quiet = QuietTimes.parse(null, null, "Feb29", null);
        ZoneId utc = ZoneId.of("UTC");

        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2026-02-28"), utc)).containsExactly(1440, 0);
        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2026-03-01"), utc)).containsExactly(1440, 0);
        assertThat(minutesOfTheDay(quiet, LocalDate.parse("2028-02-29"), utc)).containsExactly(1440, 1440);
        assertThat(quiet(quiet, "2028-02-28T23:59:59.999Z")).isFalse();
        assertThat(quiet(quiet, "2028-03-01T00:00:00Z")).isFalse();
    }

    @Test
    void theFirstListThatMatchesGivesTheReasonWeekdaysThenTimesThenDays() {
        QuietTimes quiet = QuietTimes.parse("Thu", "00:00-12:00", "Dec24", null);

        assertThat(quiet.refusal(Instant.parse("2026-12-24T06:00:00Z"))).get().asString().startsWith("quiet time: Thursday");
        assertThat(quiet.refusal(Instant.parse("2026-12-25T06:00:00Z"))).get().asString().startsWith("quiet time: 06:00");
        assertThat(QuietTimes.parse("Fri", "00:00-12:00", "Dec24", null).refusal(Instant.parse("2026-12-24T13:00:00Z")))
                .get().asString().startsWith("quiet time: Dec24");
        assertThat(quiet.isEmpty()).isFalse();
        assertThat(quiet).hasToString("weekdays Thu; times of day 00:00-12:00; days of the year Dec24; time zone UTC");
    }

    @Test
    void eachListAloneMakesTheRulesNonEmpty() {
        assertThat(QuietTimes.parse("Mon", null, null, null).isEmpty()).isFalse();
        assertThat(QuietTimes.parse(null, "01:00-02:00", null, null).isEmpty()).isFalse();
        assertThat(QuietTimes.parse(null, null, "Jan1", null).isEmpty()).isFalse();
        assertThat(QuietTimes.parse(null, null, null, "Europe/Berlin").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sat,Sa|||| mayhem.quiet.weekdays: \"Sa\" is not a weekday (write Mon, Tue, Wed, Thu, Fri, Sat, Sun or the full English names, comma-separated)",
        "|22:00|||  mayhem.quiet.times-of-day: \"22:00\" is not a range of times of day (write HH:mm-HH:mm, like 22:00-08:00)",
        "|22-08|||  mayhem.quiet.times-of-day: \"22-08\" is not a range of times of day (write HH:mm-HH:mm, like 22:00-08:00)",
        "|22:00-8:0|||  mayhem.quiet.times-of-day: \"22:00-8:0\" is not a range of times of day (write HH:mm-HH:mm, like 22:00-08:00)",
        "|25:00-08:00||| mayhem.quiet.times-of-day: \"25:00-08:00\" is out of range: Invalid value for HourOfDay (valid values 0 - 23): 25",
        "|22:00-24:00||| mayhem.quiet.times-of-day: \"22:00-24:00\" is out of range: Invalid value for HourOfDay (valid values 0 - 23): 24",
        "|22:60-08:00||| mayhem.quiet.times-of-day: \"22:60-08:00\" is out of range: Invalid value for MinuteOfHour (valid values 0 - 59): 60",
        "|08:00-08:00||| mayhem.quiet.times-of-day: \"08:00-08:00\" is empty: its start equals its end (for a whole day, name the weekday or the day of the year)",
        "||Feb30||   mayhem.quiet.days-of-year: \"Feb30\" is out of range: Illegal value for DayOfMonth field, value 30 is not valid for month FEBRUARY",
        "||Dec0||    mayhem.quiet.days-of-year: \"Dec0\" is out of range: Invalid value for DayOfMonth (valid values 1 - 28/31): 0",
        "||December24|| mayhem.quiet.days-of-year: \"December24\" is not a day of the year (write a month and a day, like Apr1 or Dec24)",
        "||24Dec||   mayhem.quiet.days-of-year: \"24Dec\" is not a day of the year (write a month and a day, like Apr1 or Dec24)",
        "||Foo1||    mayhem.quiet.days-of-year: \"Foo1\" is not a day of the year (write a month and a day, like Apr1 or Dec24)",
        "|||Europe/Berln| mayhem.quiet.timezone: \"Europe/Berln\" is not a time zone (write an IANA id like Europe/Berlin, or UTC): Unknown time-zone ID: Europe/Berln",
        "|||Local|   mayhem.quiet.timezone: \"Local\" is not a time zone (write an IANA id like Europe/Berlin, or UTC): Unknown time-zone ID: Local"})
    void aValueThatCannotBeReadFailsNamingTheKeyAndTheEntry(String weekdays, String times, String days, String zone,
            String message) {
        assertThatThrownBy(() -> QuietTimes.parse(weekdays, times, days, zone))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aTimeZoneMayBeAnOffset() {
        QuietTimes quiet = QuietTimes.parse(null, "22:00-08:00", null, "+05:30");

        assertThat(quiet.refusal(Instant.parse("2026-06-01T16:30:00Z")))
                .contains("quiet time: 22:00 is in mayhem.quiet.times-of-day (22:00-08:00, +05:30)");
        assertThat(quiet(quiet, "2026-06-01T16:29:59.999Z")).isFalse();
    }
}
