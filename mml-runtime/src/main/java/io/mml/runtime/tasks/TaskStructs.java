package io.mml.runtime.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task structs of one run, in task-list order. (Placeholder.) */
public final class TaskStructs {
  private final Map<String, TaskStruct> byName = new LinkedHashMap<>();

  public synchronized void add(TaskStruct s) {
    byName.put(s.name(), s);
  }

  public synchronized TaskStruct get(String name) {
    TaskStruct s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("No task struct '" + name + "' in this run; tasks: " + byName.keySet());
    }
    return s;
  }

  public synchronized List<TaskStruct> all() {
    return new ArrayList<>(byName.values());
  }
}
