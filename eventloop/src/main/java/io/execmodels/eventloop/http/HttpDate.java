package io.execmodels.eventloop.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The {@code Date} header line in IMF-fixdate form (RFC 9110 section 5.6.7), re-encoded at most
 * once a second so a response pays only for a clock read and a copy.
 *
 * <p>Not thread-safe: one per connection thread.
 */
final class HttpDate {

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private long second = Long.MIN_VALUE;
  private byte[] line;

  /** {@code "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"} for the given wall-clock time. */
  byte[] line(long epochMillis) {
    long s = Math.floorDiv(epochMillis, 1000);
    if (s != second) {
      second = s;
      line = ("Date: " + format(s) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
    return line;
  }

  static String format(long epochSecond) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT",
        DAYS[t.getDayOfWeek().getValue() - 1], t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1],
        t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
  }
}
