package io.mml.processor.step;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the processor must remember from one round to the next, and nothing else. Elements are
 * kept by qualified name: an {@code Element} of one round is not guaranteed to be valid in the next.
 */
final class CompilationState {
  /** Whether the MML-901 option problems were printed (once per compilation). */
  boolean optionsReported;
  /** Whether the main class was written (in the first round with a valid mode). */
  boolean mainWritten;

  /** Modes whose signatures mention types that do not exist yet: qualified name to missing type. */
  final Map<String, String> deferredModes = new TreeMap<>();
  /** Task types naming modalities not declared yet, by qualified name: checked again next round. */
  final Set<String> deferredTaskTypes = new TreeSet<>();

  /** Mode id to the class that declared it first (MML-106). */
  final Map<String, String> modeIds = new HashMap<>();
  /** Qualified names of the {@code @Mode} classes of this compilation (they report their own problems). */
  final Set<String> sourceModes = new HashSet<>();
  /** Qualified names of the superclasses of those modes (their members are the modes' members, not orphans). */
  final Set<String> modeSuperclasses = new HashSet<>();

  /** Binary names of the routines generated in this compilation, for the last round's registry. */
  final Set<String> routines = new TreeSet<>();
  /** Binary names of the modality providers generated in this compilation. */
  final Set<String> modalityProviders = new TreeSet<>();
  /** Binary names of the task type providers generated in this compilation. */
  final Set<String> taskTypeProviders = new TreeSet<>();
}
