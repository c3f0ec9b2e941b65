package io.execmodels.multiprocess.internal;

import java.util.ArrayList;
import java.util.List;

/** Object graphs of a chosen shape, for the tests of what may cross the process boundary. */
public final class Graphs {
  private Graphs() {}

  /** A list holding a list holding ... {@code depth} lists in all. */
  public static List<Object> nested(int depth) {
    List<Object> top = new ArrayList<>();
    List<Object> current = top;
    for (int i = 1; i < depth; i++) {
      List<Object> inner = new ArrayList<>();
      current.add(inner);
      current = inner;
    }
    return top;
  }
}
