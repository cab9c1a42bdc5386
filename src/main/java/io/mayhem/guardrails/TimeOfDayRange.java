package io.mayhem.guardrails;

import java.time.LocalTime;

/**
 * One quiet period of a day, {@code 22:00-08:00}: from {@code start} (inclusive) to {@code end} (exclusive), on the
 * wall clock. A range whose end is before its start crosses midnight: {@code 22:00-08:00} holds from 22:00:00.000 to
 * 23:59:59.999 and from 00:00 to 07:59:59.999. {@code 22:00-00:00} runs to midnight.
 *
 * @param start the first time of day inside the range
 * @param end the first time of day after it; never equal to {@code start} (an empty or whole-day range is ambiguous)
 */
record TimeOfDayRange(LocalTime start, LocalTime end) {

    TimeOfDayRange {
        if (start.equals(end)) {
            throw new IllegalArgumentException(
                    "is empty: its start equals its end (for a whole day, name the weekday or the day of the year)");
        }
    }

    /**
     * @param time a wall-clock time of day
     * @return whether it lies inside this range: {@code start <= time < end}, or across midnight
     *         {@code time >= start || time < end}
     */
    boolean contains(LocalTime time) {
        boolean afterStart = !time.isBefore(start);
        boolean beforeEnd = time.isBefore(end);
        return start.isBefore(end) ? afterStart && beforeEnd : afterStart || beforeEnd;
    }

    /** @return the range as configured, {@code HH:mm-HH:mm} */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}
