package io.execmodels.multiprocess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a decode tells of the classes it admits, and the allow-list asked about one class: what a
 * sender needs to ask a reader elsewhere whether it can read a payload before sending it.
 */
class PayloadClassesTest {

  /** A value of this library's, which the default list admits. */
  record Point(int x, int y) implements Serializable {}

  interface SerializableSupplier<T> extends Supplier<T>, Serializable {}

  @Test
  void aDecodeTellsEveryClassItAdmitsALambdaAsItsHiddenClass() throws Exception {
    Payloads payloads = new Payloads("");
    Point p = new Point(1, 2);
    SerializableSupplier<Point> lambda = () -> p;
    List<Object> graph = new ArrayList<>(List.of(p, new Point[] {p}));
    graph.add(lambda);
    byte[] bytes = Payloads.encode(graph);
    Set<Class<?>> seen = new HashSet<>();

    Object back = payloads.decode(bytes, 0, bytes.length, seen::add);

    assertThat(back).isInstanceOf(ArrayList.class);
    assertThat(seen).contains(ArrayList.class, Point.class, Point[].class,
        java.lang.invoke.SerializedLambda.class);
    assertThat(seen).as("the lambda, as the hidden class written in this test")
        .anyMatch(c -> c.isHidden() && c.getNestHost() == PayloadClassesTest.class);
  }

  @Test
  void theAllowListAnswersForOneClassAndAnArrayByItsElement() {
    Payloads defaults = new Payloads("");

    assertThat(defaults.allows(String.class)).isTrue();
    assertThat(defaults.allows(int[][].class)).isTrue();
    assertThat(defaults.allows(Point.class)).as("in io.execmodels.**").isTrue();
    assertThat(defaults.allows(org.junit.jupiter.api.Test.class)).isFalse();
    assertThat(defaults.allows(org.junit.jupiter.api.Test[].class)).isFalse();
    assertThat(new Payloads("org.junit.jupiter.api.*").allows(org.junit.jupiter.api.Test.class))
        .isTrue();
  }
}
