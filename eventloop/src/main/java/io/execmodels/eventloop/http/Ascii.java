package io.execmodels.eventloop.http;

/** Character classes of RFC 9110 and RFC 9112, on bytes and on Latin-1 strings. */
final class Ascii {

  private static final boolean[] TCHAR = new boolean[256];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private static final boolean[] HOST_CHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      HOST_CHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      HOST_CHAR[c] = true;
      HOST_CHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "-._~%!$&'()*+,;=:[]".toCharArray()) {
      HOST_CHAR[c] = true;
    }
  }

  private Ascii() {}

  static boolean isTchar(int b) {
    return TCHAR[b & 0xff];
  }

  /** field-vchar / SP / HTAB / obs-text: anything but NUL, CR, LF, the other CTLs and DEL. */
  static boolean isFieldByte(int b) {
    int c = b & 0xff;
    return c >= 0x20 ? c != 0x7f : c == '\t';
  }

  /** A request-target byte: visible ASCII; no whitespace, controls or non-ASCII. */
  static boolean isTargetByte(int b) {
    int c = b & 0xff;
    return c > 0x20 && c < 0x7f;
  }

  static int hexValue(int b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    int lower = b | 0x20;
    if (lower >= 'a' && lower <= 'f') {
      return lower - 'a' + 10;
    }
    return -1;
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  static boolean isFieldValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || !isFieldByte(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a comma-separated list holds {@code token}, ignoring case and optional spaces. */
  static boolean listContains(String list, String token) {
    int n = list.length();
    int i = 0;
    while (i < n) {
      int end = list.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int a = i;
      int b = end;
      while (a < b && isOws(list.charAt(a))) {
        a++;
      }
      while (b > a && isOws(list.charAt(b - 1))) {
        b--;
      }
      if (b - a == token.length() && list.regionMatches(true, a, token, 0, token.length())) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }

  /**
   * Whether {@code s} can be a Host value, {@code uri-host [ ":" port ]} (RFC 9110 section 7.2):
   * only the characters of a reg-name, an IP literal or a port; empty is allowed.
   */
  static boolean isHost(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !HOST_CHAR[c]) {
        return false;
      }
    }
    return true;
  }

  static boolean isOws(int c) {
    return c == ' ' || c == '\t';
  }
}
