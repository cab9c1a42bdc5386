package io.mayhem.guardrails;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the quiet-time settings as chaoskube reads its {@code --excluded-*} flags: comma-separated lists, whitespace
 * around entries ignored, empty entries skipped, English names in any case. Unlike chaoskube, an entry it cannot read
 * fails (chaoskube drops an unknown weekday silently), with a message naming the key.
 */
final class QuietTimesText {

    static final String WEEKDAYS = "mayhem.quiet.weekdays";
    static final String TIMES_OF_DAY = "mayhem.quiet.times-of-day";
    static final String DAYS_OF_YEAR = "mayhem.quiet.days-of-year";
    static final String TIMEZONE = "mayhem.quiet.timezone";

    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final Pattern DAY = Pattern.compile("([A-Za-z]{3})\\s*(\\d{1,2})");
    private static final Map<String, DayOfWeek> DAY_NAMES = names(DayOfWeek.values(),
            day -> List.of(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
    private static final Map<String, Month> MONTH_NAMES = names(Month.values(),
            month -> List.of(month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)));

    private QuietTimesText() {
    }

    /** {@code Sat,Sun}: three-letter or full English names, any case. */
    static Set<DayOfWeek> weekdays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String entry : entries(text)) {
            DayOfWeek day = DAY_NAMES.get(entry.toLowerCase(Locale.ROOT));
            if (day == null) {
                throw new IllegalArgumentException(WEEKDAYS + ": \"" + entry + "\" is not a weekday "
                        + "(write Mon, Tue, Wed, Thu, Fri, Sat, Sun or the full English names, comma-separated)");
            }
            days.add(day);
        }
        return days;
    }

    /** {@code 22:00-08:00,11:00-13:00}: {@code H:mm} or {@code HH:mm}, 00:00 to 23:59; the end may be before the start. */
    static List<TimeOfDayRange> timesOfDay(String text) {
        return parsed(text, entry -> {
            Matcher m = RANGE.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("is not a range of times of day (write HH:mm-HH:mm, like 22:00-08:00)");
            }
            return new TimeOfDayRange(time(m.group(1), m.group(2)), time(m.group(3), m.group(4)));
        }, TIMES_OF_DAY);
    }

    /** {@code Apr1,Dec24}: a three-letter English month, any case, and the day of the month; {@code Feb29} is allowed. */
    static Set<MonthDay> daysOfYear(String text) {
        return new LinkedHashSet<>(parsed(text, entry -> {
            Matcher m = DAY.matcher(entry);
            Month month = m.matches() ? MONTH_NAMES.get(m.group(1).toLowerCase(Locale.ROOT)) : null;
            if (month == null) {
                throw new IllegalArgumentException("is not a day of the year (write a month and a day, like Apr1 or Dec24)");
            }
            return MonthDay.of(month, Integer.parseInt(m.group(2)));
        }, DAYS_OF_YEAR));
    }

    /** An IANA time-zone id ({@code Europe/Berlin}), {@code UTC} or an offset ({@code +01:00}); absent: UTC. */
    static ZoneId zone(String text) {
        String id = text == null ? "" : text.strip();
        if (id.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(TIMEZONE + ": \"" + id + "\" is not a time zone (write an IANA id like "
                    + "Europe/Berlin, or UTC): " + e.getMessage(), e);
        }
    }

    private static <T> List<T> parsed(String text, Function<String, T> reader, String key) {
        List<T> values = new ArrayList<>();
        for (String entry : entries(text)) {
            try {
                values.add(reader.apply(entry));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(key + ": \"" + entry + "\" is out of range: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": \"" + entry + "\" " + e.getMessage(), e);
            }
        }
        return values;
    }

    private static LocalTime time(String hours, String minutes) {
        return LocalTime.of(Integer.parseInt(hours), Integer.parseInt(minutes));
    }

    /** @return each value under its names in lower case */
    private static <T> Map<String, T> names(T[] values, Function<T, List<String>> names) {
        Map<String, T> byName = new HashMap<>();
        for (T value : values) {
            names.apply(value).forEach(name -> byName.put(name.toLowerCase(Locale.ROOT), value));
        }
        return Map.copyOf(byName);
    }

    private static List<String> entries(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }
}
