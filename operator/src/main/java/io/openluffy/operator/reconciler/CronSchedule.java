package io.openluffy.operator.reconciler;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a CronJob schedule fires, read as the CronJob controller reads it (five fields or a macro; day of month and
 * day of week match either one when both are restricted; the time zone is UTC, which the backup CronJob sets).
 * Expressions the controller would reject, or this reader does not know, give no schedule: staleness then goes
 * unjudged rather than wrongly reported.
 */
final class CronSchedule {

  private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
      "OCT", "NOV", "DEC");
  private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Beyond this, a schedule is treated as never firing (e.g. 30 February). */
  private static final int SEARCH_YEARS = 5;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean eitherDay;

  private CronSchedule(BitSet[] fields, boolean eitherDay) {
    this.minutes = fields[0];
    this.hours = fields[1];
    this.days = fields[2];
    this.months = fields[3];
    this.weekdays = fields[4];
    this.eitherDay = eitherDay;
  }

  static Optional<CronSchedule> parse(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    String[] parts = MACROS.getOrDefault(expression.trim(), expression.trim()).split("\\s+");
    if (parts.length != 5) {
      return Optional.empty();
    }
    int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    BitSet[] fields = new BitSet[5];
    for (int i = 0; i < 5; i++) {
      fields[i] = field(parts[i], ranges[i][0], ranges[i][1], i == 3 ? MONTHS : i == 4 ? WEEKDAYS : List.of(),
          i == 3 ? 1 : 0);
      if (fields[i] == null || fields[i].isEmpty()) {
        return Optional.empty();
      }
    }
    if (fields[4].get(7)) {
      fields[4].set(0);
    }
    return Optional.of(new CronSchedule(fields, !star(parts[2]) && !star(parts[4])));
  }

  /** The first time the schedule fires strictly after {@code after}, if it fires within a few years. */
  Optional<Instant> next(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime end = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return Optional.of(t.toInstant());
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    return eitherDay ? day || weekday : day && weekday;
  }

  private static boolean star(String field) {
    return field.equals("*") || field.equals("?");
  }

  /** One field: a comma list of *, ?, n, n-m, each optionally /step; names where the field has them. */
  private static BitSet field(String field, int min, int max, List<String> names, int firstName) {
    var bits = new BitSet();
    for (String item : field.split(",")) {
      String[] stepped = item.split("/", -1);
      if (stepped.length > 2) {
        return null;
      }
      int step = 1;
      if (stepped.length == 2) {
        step = number(stepped[1], List.of(), 0);
        if (step <= 0) {
          return null;
        }
      }
      int from;
      int to;
      if (star(stepped[0])) {
        from = min;
        to = max;
      } else {
        String[] range = stepped[0].split("-", -1);
        if (range.length > 2) {
          return null;
        }
        from = number(range[0], names, firstName);
        to = range.length == 2 ? number(range[1], names, firstName) : stepped.length == 2 ? max : from;
      }
      if (from < min || to > max || from > to) {
        return null;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, List<String> names, int firstName) {
    int named = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + firstName;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
