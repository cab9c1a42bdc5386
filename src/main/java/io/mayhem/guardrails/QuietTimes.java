package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Quiet times: when no request is restarted (chaoskube's {@code --excluded-weekdays}, {@code --excluded-times-of-day},
 * {@code --excluded-days-of-year} and {@code --timezone}). The check turns the instant into the wall-clock date and
 * time of {@code mayhem.quiet.timezone} and refuses when its weekday, its time of day or its day of the year is
 * listed; the three lists are independent, and the first that matches (in that order) gives the reason.
 * <p>
 * On the wall clock means: on the spring day of a change to daylight saving time a range inside the skipped hour
 * never occurs (Europe/Berlin, 2026-03-29: 02:00-03:00 is quiet for no instant), and on the autumn day the repeated
 * hour is quiet twice (2026-10-25: 02:00-03:00 is quiet for two hours of real time). {@code Feb29} is quiet only in
 * leap years. Ranges of times of day include their start and exclude their end (chaoskube excludes both; the
 * difference is the one instant of the start). Parsing: {@link #parse}.
 */
public final class QuietTimes implements Guardrail {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Set<DayOfWeek> weekdays;
    private final List<TimeOfDayRange> timesOfDay;
    private final Set<MonthDay> daysOfYear;
    private final ZoneId zone;

    private QuietTimes(Set<DayOfWeek> weekdays, List<TimeOfDayRange> timesOfDay, Set<MonthDay> daysOfYear, ZoneId zone) {
        this.weekdays = weekdays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekdays);
        this.timesOfDay = List.copyOf(timesOfDay);
        this.daysOfYear = new LinkedHashSet<>(daysOfYear);
        this.zone = zone;
    }

    /**
     * Reads the four settings; a null or blank value means none (the time zone: UTC).
     *
     * @param weekdays {@code mayhem.quiet.weekdays}: {@code Sat,Sun}; three-letter or full English names, any case
     * @param timesOfDay {@code mayhem.quiet.times-of-day}: {@code 22:00-08:00,11:00-13:00}; {@code HH:mm-HH:mm}
     *        (or {@code H:mm}), start inclusive, end exclusive, crossing midnight when the end is earlier
     * @param daysOfYear {@code mayhem.quiet.days-of-year}: {@code Apr1,Dec24}; three-letter English month, any case,
     *        and day of the month
     * @param timezone {@code mayhem.quiet.timezone}: an IANA id ({@code Europe/Berlin}), {@code UTC} or an offset
     *        ({@code +01:00}); the host's own zone is not an option
     * @return the quiet times
     * @throws IllegalArgumentException naming the key and the entry when an entry cannot be read, a range is empty
     *         ({@code 08:00-08:00}) or a day does not exist ({@code Feb30})
     */
    public static QuietTimes parse(String weekdays, String timesOfDay, String daysOfYear, String timezone) {
        return new QuietTimes(QuietTimesText.weekdays(weekdays), QuietTimesText.timesOfDay(timesOfDay),
                QuietTimesText.daysOfYear(daysOfYear), QuietTimesText.zone(timezone));
    }

    /** @return quiet times that never refuse (every setting absent) */
    public static QuietTimes none() {
        return parse(null, null, null, null);
    }

    /** @return whether no weekday, time of day or day of the year is quiet, so that this rule never refuses */
    public boolean isEmpty() {
        return weekdays.isEmpty() && timesOfDay.isEmpty() && daysOfYear.isEmpty();
    }

    @Override
    public Optional<String> refusal(RestartRequest request, Instant now) {
        return refusal(now);
    }

    /**
     * @param now the instant of the check
     * @return the reason when {@code now} falls in a quiet time, naming the key, its value and the zone, such as
     *         {@code quiet time: Saturday is in mayhem.quiet.weekdays (Sat,Sun, Europe/Berlin)}; empty otherwise
     */
    public Optional<String> refusal(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        if (weekdays.contains(local.getDayOfWeek())) {
            return reason(local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), QuietTimesText.WEEKDAYS, weekdays());
        }
        if (timesOfDay.stream().anyMatch(range -> range.contains(local.toLocalTime()))) {
            return reason(local.format(TIME), QuietTimesText.TIMES_OF_DAY, timesOfDay());
        }
        MonthDay day = MonthDay.from(local);
        if (daysOfYear.contains(day)) {
            return reason(day(day), QuietTimesText.DAYS_OF_YEAR, daysOfYear());
        }
        return Optional.empty();
    }

    private Optional<String> reason(String what, String key, String value) {
        return Optional.of("quiet time: " + what + " is in " + key + " (" + value + ", " + zone.getId() + ")");
    }

    private String weekdays() {
        return joined(weekdays.stream().map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)));
    }

    private String timesOfDay() {
        return joined(timesOfDay.stream().map(TimeOfDayRange::toString));
    }

    private String daysOfYear() {
        return joined(daysOfYear.stream().map(QuietTimes::day));
    }

    private static String day(MonthDay day) {
        return day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + day.getDayOfMonth();
    }

    private static String joined(Stream<String> values) {
        String text = values.collect(Collectors.joining(","));
        return text.isEmpty() ? "none" : text;
    }

    /** @return the settings as read, for a startup log line: {@code weekdays Sat,Sun; times of day none; ...} */
    @Override
    public String toString() {
        return "weekdays " + weekdays() + "; times of day " + timesOfDay() + "; days of the year " + daysOfYear()
                + "; time zone " + zone.getId();
    }
}
