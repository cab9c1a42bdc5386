package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of the rules over many drawn cases: a random seed each run (replay a failure with
 * {@code -Dguardrails.seed=N}, which every failure message shows), instants drawn half at random and half on a range's
 * edges, in zones with odd offsets and daylight-saving rules.
 */
class GuardrailPropertiesTest {

    static final long SEED = Long.getLong("guardrails.seed", System.nanoTime());
    static final int CASES = 2_000;
    static final List<ZoneId> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago", "Pacific/Kiritimati", "Pacific/Pago_Pago",
            "Africa/Casablanca").stream().map(ZoneId::of).toList();

    final Random random = new Random(SEED);

    @Test
    void aTimeInsideAConfiguredRangeIsAlwaysRefusedAndOutsideAlwaysAllowed() {
        for (int i = 0; i < CASES; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            int start = random.nextInt(1440);
            int end = (start + 1 + random.nextInt(1439)) % 1440;
            Instant now = instantNear(zone, start, end);
            int minute = now.atZone(zone).toLocalTime().toSecondOfDay() / 60;
            boolean inside = Math.floorMod(minute - start, 1440) < Math.floorMod(end - start, 1440);

            QuietTimes quiet = QuietTimes.parse(null, hhmm(start) + "-" + hhmm(end), null, zone.getId());

            assertThat(quiet.refusal(now).isPresent())
                    .as("seed %d, case %d: %s-%s at %s in %s", SEED, i, hhmm(start), hhmm(end), now, zone)
                    .isEqualTo(inside);
        }
    }

    @Test
    void aRangeAndItsReverseShareNoInstantAndTogetherCoverEveryOne() {
        for (int i = 0; i < CASES; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            int start = random.nextInt(1440);
            int end = (start + 1 + random.nextInt(1439)) % 1440;
            Instant now = instantNear(zone, start, end);

            boolean forward = QuietTimes.parse(null, hhmm(start) + "-" + hhmm(end), null, zone.getId()).refusal(now).isPresent();
            boolean reverse = QuietTimes.parse(null, hhmm(end) + "-" + hhmm(start), null, zone.getId()).refusal(now).isPresent();

            assertThat(forward).as("seed %d, case %d: %s-%s at %s in %s", SEED, i, hhmm(start), hhmm(end), now, zone)
                    .isNotEqualTo(reverse);
        }
    }

    @Test
    void exactlyOneOfASetOfWeekdaysAndTheRestIsQuietAtAnyInstant() {
        for (int i = 0; i < CASES; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Set<DayOfWeek> days = new HashSet<>();
            Set<DayOfWeek> rest = new HashSet<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                (random.nextBoolean() ? days : rest).add(day);
            }
            Instant now = instantNear(zone, 0, 0);

            boolean quiet = QuietTimes.parse(names(days), null, null, zone.getId()).refusal(now).isPresent();
            boolean restQuiet = QuietTimes.parse(names(rest), null, null, zone.getId()).refusal(now).isPresent();

            assertThat(quiet).as("seed %d, case %d: %s at %s in %s", SEED, i, days, now, zone).isNotEqualTo(restQuiet);
        }
    }

    @Test
    void exactlyOneOfASetOfDaysOfTheYearAndTheRestIsQuietAtAnyInstant() {
        for (int i = 0; i < 50; i++) {   // each case reads two lists that name all 366 days between them
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            List<String> days = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (LocalDate date = LocalDate.parse("2028-01-01"); date.getYear() == 2028; date = date.plusDays(1)) {
                MonthDay day = MonthDay.from(date);
                (random.nextInt(20) == 0 ? days : rest).add(day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        + day.getDayOfMonth());
            }
            Instant now = instantNear(zone, 0, 0);

            boolean quiet = QuietTimes.parse(null, null, String.join(",", days), zone.getId()).refusal(now).isPresent();
            boolean restQuiet = QuietTimes.parse(null, null, String.join(",", rest), zone.getId()).refusal(now).isPresent();

            assertThat(quiet).as("seed %d, case %d: %s at %s in %s", SEED, i, days, now, zone).isNotEqualTo(restQuiet);
        }
    }

    @Test
    void aNameIsAdmittedExactlyWhenIncludeListsItAndExcludeDoesNot() {
        for (int i = 0; i < CASES; i++) {
            Set<String> included = names(random.nextInt(6));
            Set<String> excluded = names(random.nextInt(6));
            String name = random.nextBoolean() || included.isEmpty() ? name()
                    : List.copyOf(included).get(random.nextInt(included.size()));

            TargetFilter filter = TargetFilter.parse(alternation(included), alternation(excluded));

            boolean expected = (included.isEmpty() || included.contains(name)) && !excluded.contains(name);
            assertThat(filter.admits(name)).as("seed %d, case %d: %s against %s / %s", SEED, i, name, included, excluded)
                    .isEqualTo(expected);
            if (excluded.contains(name)) {
                assertThat(filter.refusal(TargetFilterTest.request(name), Instant.EPOCH)).get().asString()
                        .as("seed %d, case %d", SEED, i).contains("matches mayhem.targets.exclude");
            }
        }
    }

    /** Half the time an instant at random from 1970 to 2100; else one within a millisecond of a minute's start. */
    Instant instantNear(ZoneId zone, int startMinute, int endMinute) {
        if (random.nextBoolean()) {
            return Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L));
        }
        LocalDate date = LocalDate.ofEpochDay(random.nextLong(47_000));
        int minute = random.nextInt(3) == 0 ? random.nextInt(1440) : random.nextBoolean() ? startMinute : endMinute;
        Instant edge = date.atTime(LocalTime.ofSecondOfDay(minute * 60L)).atZone(zone).toInstant();
        return edge.plusMillis(random.nextInt(3) - 1L);
    }

    Set<String> names(int count) {
        Set<String> names = new HashSet<>();
        while (names.size() < count) {
            names.add(name());
        }
        return names;
    }

    /** Short names from a small alphabet, so that drawn names often coincide and prefixes of each other occur. */
    String name() {
        StringBuilder name = new StringBuilder("c");
        for (int length = random.nextInt(3); length > 0; length--) {
            name.append("a1-".charAt(random.nextInt(3)));
        }
        return name.toString();
    }

    static String alternation(Set<String> names) {
        return names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    static String names(Set<DayOfWeek> days) {
        return days.stream().map(day -> day.getDisplayName(style(day), Locale.ENGLISH)).collect(Collectors.joining(","));
    }

    /** Full names for some days, three letters for the others: both spellings are read. */
    static TextStyle style(DayOfWeek day) {
        return day.getValue() % 2 == 0 ? TextStyle.FULL : TextStyle.SHORT;
    }

    static String hhmm(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
