package smap.analytics.domain.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.message.JsonFixtures;

class ProjectIdRulesTest {
  private static final String UUID = "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80";

  /**
   * Where CONTRACT 5 deliberately departs from the original's output in the test vectors: a
   * competitor job yields the project, not "{uuid}-competitor" (facts 5.3, 13.3).
   */
  private static final Map<String, String> CONTRACT_OVERRIDES =
      Map.of(
          UUID + "-competitor-Misa-0", UUID,
          UUID + "-competitor-Mercedes-Benz-2", UUID);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> vectors(String name) {
    return (Map<String, Object>) ((Map<String, Object>) JsonFixtures.referenceVectors()).get(name);
  }

  static Stream<Arguments> extractProjectIdVectors() {
    Map<String, Object> vectors = vectors("extract_project_id");
    assertThat(vectors)
        .hasSize(13)
        .containsKeys(CONTRACT_OVERRIDES.keySet().toArray(String[]::new));
    return vectors.entrySet().stream()
        .map(
            e ->
                Arguments.of(
                    e.getKey(),
                    CONTRACT_OVERRIDES.getOrDefault(e.getKey(), (String) e.getValue())));
  }

  @Nested
  class FromJobId {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @MethodSource("smap.analytics.domain.project.ProjectIdRulesTest#extractProjectIdVectors")
    void everyTestVectorGivesTheContractsProject(String jobId, String expected) {
      assertThat(ProjectIdRules.fromJobId(jobId)).isEqualTo(expected);
    }

    @Test
    void theOverriddenVectorsAreExactlyWhereTheOriginalKeptTheCompetitorMarker() {
      Map<String, Object> vectors = vectors("extract_project_id");

      CONTRACT_OVERRIDES.forEach(
          (jobId, project) ->
              assertThat((String) vectors.get(jobId)).startsWith(UUID + "-competitor"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      // CONTRACT 5 seed examples
      "proj_xyz-brand-0, proj_xyz",
      "proj_xyz-toyota-5, proj_xyz",
      UUID + "-competitor-Mercedes-Benz-2, " + UUID,
      // facts 5.1 table
      "my-project-name-competitor-10, my-project-name",
      "proj-2024-q1-campaign-brand-3, proj-2024-q1-campaign",
      UUID + "-brand-0, " + UUID,
      UUID + "-competitor-Misa-0, " + UUID,
      // the Collector's builders (facts 5.1): brand and competitor, multi-digit indexes
      "proj_abc-brand-12, proj_abc",
      UUID + "-competitor-Toyota-0, " + UUID,
      UUID + "-competitor-Rolls-Royce-Motor-Cars-7, " + UUID,
      // the last -competitor- wins
      "p-competitor-x-competitor-Misa-1, p-competitor-x",
      // case of the entity, project ids with dashes and digits
      "proj_xyz-Toyota-5, proj_xyz",
      "2024-campaign-brand-0, 2024-campaign"
    })
    void theCollectorsJobIdsGiveTheirProject(String jobId, String project) {
      assertThat(ProjectIdRules.fromJobId(jobId)).isEqualTo(project);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(
        strings = {
          "   ",
          "proj_xyz",
          "proj_xyz-brand",
          "proj_xyz-brand-abc",
          "proj_xyz-0",
          "-brand-0",
          "-competitor-Misa-0",
          "proj_xyz-brand-",
          UUID,
          "550E8400-E29B-41D4-A716-446655440000",
          "  550e8400-e29b-41d4-a716-446655440000  "
        })
    void jobIdsWithoutAProjectGiveNone(String jobId) {
      assertThat(ProjectIdRules.fromJobId(jobId)).isNull();
    }

    @Test
    void surroundingBlanksAreIgnored() {
      assertThat(ProjectIdRules.fromJobId("  proj_abc-brand-0  ")).isEqualTo("proj_abc");
      assertThat(ProjectIdRules.fromJobId("\tproj_abc-competitor-Misa-0\n")).isEqualTo("proj_abc");
    }
  }

  @Nested
  class Uuids {

    @SuppressWarnings("unchecked")
    static Stream<Arguments> uuidVectors() {
      List<Object> vectors =
          (List<Object>) ((Map<String, Object>) JsonFixtures.referenceVectors()).get("uuid_utils");
      return vectors.stream()
          .map(v -> (Map<String, Object>) v)
          .map(v -> Arguments.of(v.get("input"), v.get("extract_uuid"), v.get("is_valid_uuid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uuidVectors")
    void theOriginalsUuidHelpersAreReproduced(String input, String extracted, boolean valid) {
      assertThat(ProjectIdRules.extractUuid(input)).isEqualTo(extracted);
      assertThat(ProjectIdRules.isBareUuid(input)).isEqualTo(valid);
    }

    @Test
    void blanksAroundABareUuidAreIgnoredButNoOtherText() {
      assertThat(ProjectIdRules.isBareUuid("  " + UUID + " ")).isTrue();
      assertThat(ProjectIdRules.isBareUuid(UUID.replace("-", ""))).isFalse();
      assertThat(ProjectIdRules.isBareUuid(UUID + "x")).isFalse();
      assertThat(ProjectIdRules.isBareUuid(null)).isFalse();
      assertThat(ProjectIdRules.isBareUuid("")).isFalse();
    }

    @Test
    void extractingFromNothingGivesNothing() {
      assertThat(ProjectIdRules.extractUuid(null)).isNull();
      assertThat(ProjectIdRules.extractUuid("")).isNull();
    }
  }

  @Nested
  class Resolve {

    @Test
    void thePayloadsProjectIdWins() {
      ProjectResolution resolution = ProjectIdRules.resolve(UUID, UUID + "-brand-0");

      assertThat(resolution).isEqualTo(new ProjectResolution(UUID, UUID, UUID, false));
      assertThat(resolution.conflict()).isFalse();
      assertThat(resolution.publishable()).isTrue();
    }

    @Test
    void aCompetitorJobAgreesWithThePayloadItCameWith() {
      // facts 13.3: the original stored and published "{uuid}-competitor" instead
      ProjectResolution resolution =
          ProjectIdRules.resolve(UUID, UUID + "-competitor-Mercedes-Benz-2");

      assertThat(resolution.projectId()).isEqualTo(UUID);
      assertThat(resolution.conflict()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void givenNoPayloadProjectId_theJobIdsIsUsed(String payload) {
      ProjectResolution resolution = ProjectIdRules.resolve(payload, "proj_xyz-brand-0");

      assertThat(resolution.projectId()).isEqualTo("proj_xyz");
      assertThat(resolution.fromPayload()).isNull();
      assertThat(resolution.conflict()).isFalse();
      assertThat(resolution.dryRun()).isFalse();
    }

    @Test
    void whenBothDiffer_thePayloadIsKeptAndItIsAConflict() {
      ProjectResolution resolution = ProjectIdRules.resolve(UUID, "proj_xyz-brand-0");

      assertThat(resolution.projectId()).isEqualTo(UUID);
      assertThat(resolution.fromJobId()).isEqualTo("proj_xyz");
      assertThat(resolution.conflict()).isTrue();
    }

    @Test
    void thePayloadIdIsStripped() {
      assertThat(ProjectIdRules.resolve("  proj_xyz ", "proj_xyz-brand-0"))
          .isEqualTo(new ProjectResolution("proj_xyz", "proj_xyz", "proj_xyz", false));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "550e8400-e29b-41d4-a716-446655440000",
          "550E8400-E29B-41D4-A716-446655440000",
          " 550e8400-e29b-41d4-a716-446655440000 "
        })
    void aBareUuidJobWithoutPayloadProjectIsADryRun(String jobId) {
      ProjectResolution resolution = ProjectIdRules.resolve(null, jobId);

      assertThat(resolution.dryRun()).isTrue();
      assertThat(resolution.projectId()).isNull();
      assertThat(resolution.publishable()).isFalse();
      assertThat(resolution.conflict()).isFalse();
    }

    @Test
    void aBareUuidJobWithAPayloadProjectIsNoDryRun() {
      // CONTRACT 5: rule 1 applies first; the job id is consulted only without a payload value
      ProjectResolution resolution =
          ProjectIdRules.resolve("proj_xyz", "550e8400-e29b-41d4-a716-446655440000");

      assertThat(resolution.dryRun()).isFalse();
      assertThat(resolution.projectId()).isEqualTo("proj_xyz");
      assertThat(resolution.publishable()).isTrue();
      assertThat(resolution.conflict()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
        value = {"NULL, NULL", "NULL, proj_xyz", "NULL, proj_xyz-brand", "'', ''"},
        nullValues = "NULL")
    void givenNothingToDeriveFrom_thereIsNoProjectAndNoResult(String payload, String jobId) {
      ProjectResolution resolution = ProjectIdRules.resolve(payload, jobId);

      assertThat(resolution.projectId()).isNull();
      assertThat(resolution.dryRun()).isFalse();
      assertThat(resolution.publishable()).isFalse();
    }

    @Test
    void theDocumentedEventsResolveWithoutConflict() {
      Map<String, String> events = new HashMap<>();
      events.put("proj_xyz", "proj_xyz-brand-0");
      events.put("proj_xyz789", "proj_xyz789-brand-0");
      events.put("proj_test_xyz", "proj_test_xyz-brand-0");

      events.forEach(
          (payload, job) -> {
            ProjectResolution resolution = ProjectIdRules.resolve(payload, job);
            assertThat(resolution.projectId()).isEqualTo(payload);
            assertThat(resolution.conflict()).isFalse();
          });
    }
  }
}
