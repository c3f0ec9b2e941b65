package io.execmodels.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Job;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import outside.Unlisted;

/**
 * What a class probe asks about a job and how it reads an answer, without a cluster: which
 * classes a member must have, and that neither side trusts the other's bytes.
 */
class ClassProbeTest {

  @Test
  void aJobsClassesAreNotedWithoutTheJdksALambdaAsItsWriterAndAnArrayAsItsElement() {
    Map<String, Long> classes = new LinkedHashMap<>();
    Job<Integer> lambda = () -> 1;

    ClassProbe.note(String.class, classes);
    ClassProbe.note(int[][].class, classes);
    ClassProbe.note(lambda.getClass(), classes);
    ClassProbe.note(Unlisted[].class, classes);
    ClassProbe.note(VersionedJob.class, classes);

    assertThat(classes).containsOnlyKeys(ClassProbeTest.class.getName(),
        Unlisted.class.getName(), VersionedJob.class.getName());
    assertThat(classes.get(ClassProbeTest.class.getName())).as("not serializable itself")
        .isNull();
    assertThat(classes.get(Unlisted.class.getName())).as("a record's version is not compared")
        .isNull();
    assertThat(classes.get(VersionedJob.class.getName())).isEqualTo(1L);
  }

  @Test
  void aProbeOnAHazelcastMemberNotStartedByThisLibraryAnswersSoInsteadOfThrowing() throws Exception {
    byte[] answer = ClassProbe.of(Map.of(VersionedJob.class.getName(), 1L)).call();

    assertThat(ClassProbe.problems(answer)).singleElement().asString()
        .contains("not started by execmodels");
  }

  @Test
  void anAnswerClaimingMoreProblemsThanAProbeCanHaveIsRefusedBeforeAllocating() {
    byte[] hostile = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();

    assertThatThrownBy(() -> ClassProbe.problems(hostile)).isInstanceOf(IOException.class)
        .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
  }

  @Test
  void aProbeOfMoreClassesThanAMemberChecksIsRefusedNamingTheLimit() {
    Map<String, Long> many = new LinkedHashMap<>();
    for (int i = 0; i <= ClassProbe.MAX_CLASSES; i++) {
      many.put("c" + i, null);
    }

    assertThatThrownBy(() -> ClassProbe.of(many)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(ClassProbe.MAX_CLASSES));
  }
}
