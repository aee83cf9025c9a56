package io.mml.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cluster.SlurmClient.QueuedJob;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers of sbatch and squeue output, on output recorded from Slurm 22.05 (.ci/slurm/start.sh). */
class ProcessSlurmClientTest {

  // squeue -h -r -o '%i|%T|%r' with a running job, a pending array after it and a job too big for the node.
  static final String QUEUE_R = """
      111_0|PENDING|Dependency
      111_1|PENDING|Dependency
      111_2|PENDING|Dependency
      111_3|PENDING|Dependency
      111_4|PENDING|Dependency
      111_5|PENDING|Dependency
      112|PENDING|PartitionConfig
      110|RUNNING|None
      """;

  // The same queue without -r: the pending tasks of the array on one line, with a throttle (%2).
  static final String QUEUE_NO_R = """
      111_[0-5%2]|PENDING|Dependency
      112|PENDING|PartitionConfig
      110|RUNNING|None
      """;

  @Test
  void everyJobAndArrayTaskIsOneEntryWithStateAndReason() {
    Map<String, QueuedJob> q = ProcessSlurmClient.parseQueue(QUEUE_R);
    assertEquals(List.of("111_0", "111_1", "111_2", "111_3", "111_4", "111_5", "112", "110"), List.copyOf(q.keySet()));
    assertEquals(new QueuedJob("111_3", "PENDING", "Dependency"), q.get("111_3"));
    assertEquals(new QueuedJob("112", "PENDING", "PartitionConfig"), q.get("112"));
    assertEquals(new QueuedJob("110", "RUNNING", "None"), q.get("110"));
  }

  @Test
  void arrayRangesAreExpandedToTheirTasks() {
    assertEquals(ProcessSlurmClient.parseQueue(QUEUE_R), ProcessSlurmClient.parseQueue(QUEUE_NO_R));
    Map<String, QueuedJob> q = ProcessSlurmClient.parseQueue("123_[2-5]|PENDING|Resources\n"
        + "124_[1,3,7-8]|PENDING|Priority\n124_0|RUNNING|None\n");
    assertEquals(List.of("123_2", "123_3", "123_4", "123_5", "124_1", "124_3", "124_7", "124_8", "124_0"),
        List.copyOf(q.keySet()));
    assertEquals("Resources", q.get("123_4").reason());
    assertEquals("Priority", q.get("124_8").reason());
    assertEquals(List.of("9_4"), ProcessSlurmClient.expand("9_[4]"));
    assertEquals(List.of("9_7"), ProcessSlurmClient.expand("9_7"));
    // An absurd range stays one entry instead of filling the memory.
    assertEquals(List.of("9_[0-999999999]"), ProcessSlurmClient.expand("9_[0-999999999]"));
  }

  @Test
  void pendingReasonsWithSpacesOrPunctuationAndMissingReasonsAreKept() {
    Map<String, QueuedJob> q = ProcessSlurmClient.parseQueue("""
        200|PENDING|ReqNodeNotAvail, UnavailableNodes:node[01-02]
        201|PENDING|launch failed requeued held
        202|COMPLETING|
        203|CONFIGURING
        """);
    assertEquals("ReqNodeNotAvail, UnavailableNodes:node[01-02]", q.get("200").reason());
    assertEquals("launch failed requeued held", q.get("201").reason());
    assertEquals(new QueuedJob("202", "COMPLETING", ""), q.get("202"));
    assertEquals(new QueuedJob("203", "CONFIGURING", ""), q.get("203"));
  }

  @Test
  void emptyOutputBlankLinesAndMessagesGiveNoJobs() {
    assertTrue(ProcessSlurmClient.parseQueue("").isEmpty());
    assertTrue(ProcessSlurmClient.parseQueue("\n  \n").isEmpty());
    // What squeue prints for a job id it no longer knows (on stderr, but a merged stream must not break).
    assertTrue(ProcessSlurmClient.parseQueue("slurm_load_jobs error: Invalid job id specified\n").isEmpty());
    Map<String, QueuedJob> q = ProcessSlurmClient.parseQueue("  7|RUNNING|None  \r\nJOBID|STATE|REASON\n");
    assertEquals(List.of("7"), List.copyOf(q.keySet()));
    assertEquals("None", q.get("7").reason());
  }

  @Test
  void theJobIdOfSbatchParsable() throws IOException {
    assertEquals("113", ProcessSlurmClient.parseJobId("113\n")); // recorded
    assertEquals("113", ProcessSlurmClient.parseJobId("113;mmltest\n")); // on a federation / multi-cluster
    assertEquals("114", ProcessSlurmClient.parseJobId("sbatch: warning: something odd\n114\n"));
    assertEquals("115", ProcessSlurmClient.parseJobId("Submitted batch job 115\n")); // without --parsable
  }

  @Test
  void noJobIdIsAnErrorShowingWhatSbatchPrinted() {
    IOException e = assertThrows(IOException.class, () -> ProcessSlurmClient.parseJobId(""));
    assertTrue(e.getMessage().contains("no job id"), e.getMessage());
    IOException f = assertThrows(IOException.class,
        () -> ProcessSlurmClient.parseJobId("sbatch: error: Batch job submission failed\n"));
    assertTrue(f.getMessage().contains("Batch job submission failed"), f.getMessage());
    assertThrows(IOException.class, () -> ProcessSlurmClient.parseJobId("12_3\n"));
  }

  @Test
  void hintsForRequestsTheClusterCannotSatisfy() {
    assertTrue(SlurmExecutor.hint("sbatch: error: Invalid generic resource (gres) specification")
        .contains("executor.resources.all.gpus=0"));
    assertTrue(SlurmExecutor.hint("sbatch: error: Batch job submission failed: Requested node configuration is not"
        + " available").contains("executor.resources.all.cpus="));
    assertEquals("", SlurmExecutor.hint("sbatch: error: Invalid account"));
  }
}
