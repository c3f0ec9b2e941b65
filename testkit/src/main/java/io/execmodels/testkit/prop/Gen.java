package io.execmodels.testkit.prop;

import io.execmodels.testkit.sim.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Generates a value from choices, Hypothesis-style: a value is a function of the choices it draws,
 * so shrinking the choices shrinks the value, and no separate shrinker per type is needed. Every
 * generator here maps choice 0 to its simplest value (the minimum, the empty list, the first
 * option), and deleting choices deletes list elements.
 *
 * <p>A generator is a pure function of its choices; it must not keep state between calls.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

  /**
   * A value drawn from {@code choices}.
   *
   * @param choices where the value's choices are drawn from
   * @return the value those choices give
   */
  T next(Choices choices);

  /**
   * This generator's values transformed by {@code f}.
   *
   * @param <R> the type of the transformed values
   * @param f transforms a value; a pure function
   * @return a generator of the transformed values, shrinking as this one does
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return c -> f.apply(next(c));
  }

  /**
   * A value of the generator {@code f} makes from this one's value.
   *
   * @param <R> the type of the values made
   * @param f makes a generator from this one's value; a pure function
   * @return a generator drawing this one's value, then a value of the generator {@code f} makes
   */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return c -> f.apply(next(c)).next(c);
  }

  /**
   * Always {@code value}; draws nothing.
   *
   * @param <T> the type of the value
   * @param value the value, always the same one
   * @return a generator of {@code value} alone
   */
  static <T> Gen<T> constant(T value) {
    return c -> value;
  }

  /**
   * Integers in {@code [min, max]}, shrinking toward {@code min}.
   *
   * @param min the smallest value, and the simplest
   * @param max the largest value, inclusive
   * @return a generator of integers in the range
   * @throws IllegalArgumentException if {@code max < min}
   */
  static Gen<Integer> ints(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("ints: max " + max + " is below min " + min);
    }
    long span = (long) max - min + 1;
    return c -> (int) (min + c.next(span));
  }

  /**
   * Longs in {@code [min, max]}, shrinking toward {@code min}.
   *
   * @param min the smallest value, and the simplest
   * @param max the largest value, inclusive
   * @return a generator of longs in the range
   * @throws IllegalArgumentException if {@code max < min}, or the range spans more than
   *     {@link Long#MAX_VALUE} values
   */
  static Gen<Long> longs(long min, long max) {
    if (max < min) {
      throw new IllegalArgumentException("longs: max " + max + " is below min " + min);
    }
    long span = max - min + 1;
    if (span <= 0) {
      throw new IllegalArgumentException("longs: the range [" + min + ", " + max
          + "] is too wide");
    }
    return c -> min + c.next(span);
  }

  /**
   * {@code false} or {@code true}, shrinking toward {@code false}.
   *
   * @return a generator of booleans
   */
  static Gen<Boolean> booleans() {
    return c -> c.next(2) == 1;
  }

  /**
   * Lists of up to {@code maxSize} elements. Each element is preceded by a "one more" choice, so
   * deleting an element's choices deletes the element, and zeroing a "one more" ends the list.
   *
   * @param <T> the type of the elements
   * @param element generates each element
   * @param maxSize the most elements a list has; 0 gives only empty lists
   * @return a generator of lists, shrinking toward the empty list
   * @throws IllegalArgumentException if {@code maxSize} is negative
   */
  static <T> Gen<List<T>> lists(Gen<T> element, int maxSize) {
    Objects.requireNonNull(element, "element");
    if (maxSize < 0) {
      throw new IllegalArgumentException("lists: max size must not be negative, was " + maxSize);
    }
    return c -> {
      List<T> list = new ArrayList<>();
      while (list.size() < maxSize && c.next(2) == 1) {
        list.add(element.next(c));
      }
      return list;
    };
  }

  /**
   * Strings of up to {@code maxLength} lower-case letters, shrinking toward the empty string and
   * toward {@code 'a'}.
   *
   * @param maxLength the longest string; 0 gives only the empty string
   * @return a generator of strings of letters {@code a} to {@code z}
   */
  static Gen<String> strings(int maxLength) {
    Gen<List<Character>> letters = lists(c -> (char) ('a' + c.next(26)), maxLength);
    return letters.map(list -> {
      StringBuilder b = new StringBuilder(list.size());
      list.forEach(b::append);
      return b.toString();
    });
  }

  /**
   * One of {@code values}, shrinking toward the first: a workload's operations, for example.
   *
   * @param <T> the type of the values
   * @param values the values to pick from, simplest first; at least one
   * @return a generator of those values
   * @throws IllegalArgumentException if there are none
   */
  @SafeVarargs
  static <T> Gen<T> oneOf(T... values) {
    List<T> copy = new ArrayList<>(values.length);
    for (T v : values) {
      copy.add(Objects.requireNonNull(v, "oneOf values must not be null"));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("oneOf needs at least one value");
    }
    return c -> copy.get((int) c.next(copy.size()));
  }

  /**
   * A value of one of {@code gens}, shrinking toward the first generator: operations that carry
   * arguments ({@code put(k, v)} or {@code get(k)}).
   *
   * @param <T> the type of the values
   * @param gens the generators to pick from, simplest first; at least one
   * @return a generator of their values
   * @throws IllegalArgumentException if there are none
   */
  @SafeVarargs
  static <T> Gen<T> anyOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      copy.add(Objects.requireNonNull(g, "anyOf generators must not be null"));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one generator");
    }
    return c -> copy.get((int) c.next(copy.size())).next(c);
  }

  /**
   * A value built from one of {@code first} and one of {@code second}, drawn in that order: a pair,
   * or a record of two fields ({@code Gen.zip(keys, values, Entry::new)}). Each part shrinks as its
   * generator does. Nest it, or use {@link #zip(Gen, Gen, Gen, Function3)}, for more fields.
   *
   * @param <A> the type of the first part
   * @param <B> the type of the second part
   * @param <R> the type of the value built
   * @param first generates the first part
   * @param second generates the second part
   * @param combine builds the value from the two parts; a pure function
   * @return a generator of the combined values
   */
  static <A, B, R> Gen<R> zip(Gen<A> first, Gen<B> second,
      BiFunction<? super A, ? super B, ? extends R> combine) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(combine, "combine");
    return c -> {
      A a = first.next(c);
      return combine.apply(a, second.next(c));
    };
  }

  /**
   * Like {@link #zip(Gen, Gen, BiFunction)}, for a value of three parts (a record of three).
   *
   * @param <A> the type of the first part
   * @param <B> the type of the second part
   * @param <C> the type of the third part
   * @param <R> the type of the value built
   * @param first generates the first part
   * @param second generates the second part
   * @param third generates the third part
   * @param combine builds the value from the three parts; a pure function
   * @return a generator of the combined values
   */
  static <A, B, C, R> Gen<R> zip(Gen<A> first, Gen<B> second, Gen<C> third,
      Function3<? super A, ? super B, ? super C, ? extends R> combine) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(third, "third");
    Objects.requireNonNull(combine, "combine");
    return c -> {
      A a = first.next(c);
      B b = second.next(c);
      return combine.apply(a, b, third.next(c));
    };
  }

  /**
   * The combining function of {@link #zip(Gen, Gen, Gen, Function3)}.
   *
   * @param <A> the type of the first part
   * @param <B> the type of the second part
   * @param <C> the type of the third part
   * @param <R> the type of the value made
   */
  @FunctionalInterface
  interface Function3<A, B, C, R> {
    /**
     * The value made of the three parts.
     *
     * @param a the first part
     * @param b the second part
     * @param c the third part
     * @return the value made of them
     */
    R apply(A a, B b, C c);
  }

  /**
   * A value of one of the generators, each chosen with a probability proportional to its weight
   * (QuickCheck's {@code frequency}): {@code Gen.frequency(Map.entry(9, reads), Map.entry(1,
   * writes))}. Shrinks toward the first entry.
   *
   * @param <T> the type of the values
   * @param weighted each generator with its weight, a positive integer; at least one
   * @return a generator of their values
   * @throws IllegalArgumentException if there are none, or a weight is not positive
   */
  @SafeVarargs
  static <T> Gen<T> frequency(Map.Entry<Integer, ? extends Gen<? extends T>>... weighted) {
    List<Gen<? extends T>> gens = new ArrayList<>(weighted.length);
    long[] upTo = new long[weighted.length];
    long total = 0;
    for (int i = 0; i < weighted.length; i++) {
      int w = weighted[i].getKey();
      if (w <= 0) {
        throw new IllegalArgumentException("frequency: weights must be positive, was " + w);
      }
      total += w;
      upTo[i] = total;
      gens.add(Objects.requireNonNull(weighted[i].getValue(), "frequency generators"));
    }
    if (gens.isEmpty()) {
      throw new IllegalArgumentException("frequency needs at least one generator");
    }
    long sum = total;
    return c -> {
      long r = c.next(sum);
      int i = 0;
      while (r >= upTo[i]) {
        i++;
      }
      return gens.get(i).next(c);
    };
  }
}
