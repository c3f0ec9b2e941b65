package io.execmodels.eventloop.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered, immutable list of header (or trailer) fields. Names compare case-insensitively
 * (ASCII), as RFC 9110 requires; each field keeps the case and order it was received or added in,
 * and a name may occur several times.
 *
 * <p>Immutable and thread-safe. Names are validated as RFC 9110 tokens and values as field values
 * without CR, LF or NUL, so a header built here can never split a response.
 */
public final class HttpHeaders {

  /** No fields. */
  public static final HttpHeaders EMPTY = new HttpHeaders(new String[0], 0);

  // names and values interleaved: [name0, value0, name1, value1, ...]
  private final String[] fields;
  private final int size;

  HttpHeaders(String[] fields, int size) {
    this.fields = fields;
    this.size = size;
  }

  /**
   * Headers from name/value pairs, in order.
   *
   * @param namesAndValues a name, its value, the next name, its value...; none for no field
   * @return the headers, in the order given
   * @throws IllegalArgumentException if the count is odd, a name is not a token, or a value holds
   *     CR, LF, NUL or another control character other than tab
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "HttpHeaders.of needs name/value pairs, got " + namesAndValues.length + " strings");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * A builder for headers; not thread-safe.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The number of fields (a repeated name counts once per occurrence).
   *
   * @return the number of fields; 0 if none
   */
  public int size() {
    return size;
  }

  /**
   * The name of field {@code i}, as received or added.
   *
   * @param i the field's index, from 0 to {@link #size()} - 1
   * @return the field's name
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public String name(int i) {
    Objects.checkIndex(i, size);
    return fields[2 * i];
  }

  /**
   * The value of field {@code i}, without leading or trailing whitespace.
   *
   * @param i the field's index, from 0 to {@link #size()} - 1
   * @return the field's value; may be empty
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public String value(int i) {
    Objects.checkIndex(i, size);
    return fields[2 * i + 1];
  }

  /**
   * The value of the first field named {@code name} (any case), or null if there is none.
   *
   * @param name the field name, in any case
   * @return the first such field's value, or null
   */
  public String get(String name) {
    for (int i = 0; i < size; i++) {
      if (fields[2 * i].equalsIgnoreCase(name)) {
        return fields[2 * i + 1];
      }
    }
    return null;
  }

  /**
   * Every value of fields named {@code name} (any case), in order; empty if there is none.
   *
   * @param name the field name, in any case
   * @return a new list of their values, in order; empty if none
   */
  public List<String> getAll(String name) {
    List<String> out = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (fields[2 * i].equalsIgnoreCase(name)) {
        out.add(fields[2 * i + 1]);
      }
    }
    return out;
  }

  /**
   * Whether some field is named {@code name} (any case).
   *
   * @param name the field name, in any case
   * @return true if at least one field has that name
   */
  public boolean contains(String name) {
    return get(name) != null;
  }

  /**
   * Whether the comma-separated list in the fields named {@code name} holds {@code token}
   * (case-insensitively), as in {@code Connection: keep-alive, Upgrade}.
   *
   * @param name the field name, in any case
   * @param token the list element to look for, in any case
   * @return true if one of the fields' lists holds {@code token}
   */
  public boolean containsToken(String name, String token) {
    for (int i = 0; i < size; i++) {
      if (fields[2 * i].equalsIgnoreCase(name) && Ascii.listContains(fields[2 * i + 1], token)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders h
        && h.size == size
        && Arrays.equals(fields, 0, 2 * size, h.fields, 0, 2 * size);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < 2 * size; i++) {
      h = 31 * h + fields[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(fields[2 * i]).append(": ").append(fields[2 * i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Accumulates fields for an {@link HttpHeaders}; not thread-safe. */
  public static final class Builder {
    private String[] fields = new String[8];
    private int size;

    private Builder() {}

    /**
     * Appends a field.
     *
     * @param name the field's name, an RFC 9110 token; not null
     * @param value the field's value; not null
     * @return this builder
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF, NUL
     *     or another control character other than tab
     */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!Ascii.isToken(name)) {
        throw new IllegalArgumentException("header name is not a token: \"" + name + "\"");
      }
      if (!Ascii.isFieldValue(value)) {
        throw new IllegalArgumentException(
            "header value of " + name + " holds CR, LF or a control character");
      }
      addUnchecked(name, value.strip());
      return this;
    }

    void addUnchecked(String name, String value) {
      if (2 * size + 2 > fields.length) {
        fields = Arrays.copyOf(fields, fields.length * 2);
      }
      fields[2 * size] = name;
      fields[2 * size + 1] = value;
      size++;
    }

    int size() {
      return size;
    }

    void clear() {
      Arrays.fill(fields, 0, 2 * size, null);
      size = 0;
    }

    /**
     * The headers added so far; the builder may go on being used.
     *
     * @return the headers, in the order added; later additions do not change them
     */
    public HttpHeaders build() {
      return size == 0 ? EMPTY : new HttpHeaders(Arrays.copyOf(fields, 2 * size), size);
    }
  }
}
