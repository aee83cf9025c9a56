package io.mml.processor;

import com.google.auto.service.AutoService;
import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.ModeModel;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.option.MmlOption;
import io.mml.processor.option.MmlOptions;
import io.mml.processor.validate.Annotations;
import io.mml.processor.validate.ExtensionValidator;
import io.mml.processor.validate.Message;
import io.mml.processor.validate.ModeValidator;
import io.mml.processor.validate.OrphanValidator;
import io.mml.processor.validate.Problem;
import io.mml.processor.write.ExtensionWriter;
import io.mml.processor.write.GeneratedFile;
import io.mml.processor.write.MainWriter;
import io.mml.processor.write.ModeYamlWriter;
import io.mml.processor.write.RegistryWriter;
import io.mml.processor.write.RoutineWriter;
import io.mml.processor.write.TaskTypeYamlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The mml annotation processor: a thin shell that feeds each {@code @Mode} class through
 * validate → model → write, and writes the per-compilation registry once at the end.
 *
 * <p>Per valid {@code @Mode} class it generates {@code <Scheduler>_Routine} and the config stub
 * {@code META-INF/mml/configs/mode/<id>.yaml} (origin: that class). Per compilation it writes
 * {@code META-INF/services/io.mml.runtime.scheduler.Routine} (last round) and a main class (in the
 * first round with a valid mode). Per valid {@code @ModalityDef} / {@code @TaskTypeDef} class it
 * generates a provider and a marker class (see {@code RegistryMarkers}), for trainable task types
 * the {@code loss/<route>} and {@code metrics/<route>} config stubs, and in the last round their
 * {@code META-INF/services} registries. A mode's members include those inherited from its
 * superclasses (see {@link ModeValidator}). It never claims annotations.
 */
@AutoService(Processor.class)
public final class MmlProcessor extends AbstractProcessor {
  private static final Set<String> SUPPORTED = Set.of(
      Annotations.MODE, Annotations.SUBROUTINE, Annotations.PER_TASK, Annotations.PARAM, Annotations.RESOURCES,
      Annotations.MODALITY_DEF, Annotations.TASK_TYPE_DEF);

  private Elements elements;
  private Filer filer;
  private Messager messager;
  private MmlOptions options;
  private ModeValidator modeValidator;
  private OrphanValidator orphanValidator;
  private final RoutineWriter routineWriter = new RoutineWriter();
  private final ModeYamlWriter yamlWriter = new ModeYamlWriter();
  private final RegistryWriter registryWriter = new RegistryWriter();
  private final MainWriter mainWriter = new MainWriter();
  private final ExtensionWriter extensionWriter = new ExtensionWriter();
  private final TaskTypeYamlWriter taskTypeYamlWriter = new TaskTypeYamlWriter();
  private ExtensionValidator extensionValidator;

  /** Task types naming modalities not declared yet, by qualified name: checked again next round. */
  private final Set<String> deferredTaskTypes = new TreeSet<>();
  /** Binary names of the modality providers generated in this compilation. */
  private final Set<String> modalityProviders = new TreeSet<>();
  /** Binary names of the task type providers generated in this compilation. */
  private final Set<String> taskTypeProviders = new TreeSet<>();

  /** Classes whose signatures mention types that do not exist yet: qualified name to missing type. */
  private final Map<String, String> deferred = new TreeMap<>();
  /** Qualified names of the {@code @Mode} classes of this compilation (they report their own problems). */
  private final Set<String> sourceModes = new HashSet<>();
  /** Qualified names of the superclasses of those modes (their members are the modes' members, not orphans). */
  private final Set<String> modeSuperclasses = new HashSet<>();
  /** Binary names of the routines generated in this compilation. */
  private final Set<String> routines = new TreeSet<>();
  /** Guards against creating a file twice in one compilation. */
  private final Set<String> written = new HashSet<>();
  private boolean optionsReported;
  private boolean mainWritten;
  private boolean generatedAvailable;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    filer = env.getFiler();
    messager = env.getMessager();
    options = MmlOptions.parse(env.getOptions());
    modeValidator = new ModeValidator(elements, env.getTypeUtils(), new HashMap<>(), sourceModes);
    orphanValidator = new OrphanValidator(env.getTypeUtils(), modeSuperclasses);
    extensionValidator = new ExtensionValidator(elements, env.getTypeUtils());
    generatedAvailable = elements.getTypeElement("javax.annotation.processing.Generated") != null;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return SUPPORTED;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return MmlOption.keys();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Element current = null;
    try {
      if (!optionsReported) {
        optionsReported = true;
        options.problems().forEach(p -> messager.printMessage(Diagnostic.Kind.ERROR, p));
      }
      if (round.processingOver()) {
        finish();
        return false;
      }
      List<ModeModel> valid = new ArrayList<>();
      List<TypeElement> validElements = new ArrayList<>();
      for (TypeElement mode : modesOf(round)) {
        current = mode;
        ModeValidator.Result result = modeValidator.validate(mode);
        if (result.unresolved().isPresent()) {
          deferred.put(mode.getQualifiedName().toString(), result.unresolved().get());
          continue;
        }
        result.problems().forEach(this::print);
        if (result.model().isPresent()) {
          ModeModel model = result.model().get();
          generate(model, mode);
          valid.add(model);
          validElements.add(mode);
        }
      }
      // Modalities first: the task types of the same round may name them.
      for (TypeElement modality : annotated(round, Annotations.MODALITY_DEF, Set.of())) {
        current = modality;
        ExtensionValidator.Result<ModalityModel> result = extensionValidator.validateModality(modality);
        result.problems().forEach(this::print);
        if (result.model().isPresent()) {
          generate(result.model().get(), modality);
        }
      }
      Set<String> retry = new TreeSet<>(deferredTaskTypes);
      deferredTaskTypes.clear();
      for (TypeElement taskType : annotated(round, Annotations.TASK_TYPE_DEF, retry)) {
        current = taskType;
        validateTaskType(taskType, false);
      }
      current = null;
      for (Element member : membersOf(round)) {
        current = member;
        orphanValidator.check(member).forEach(this::print);
      }
      current = null;
      if (!valid.isEmpty()) {
        writeMain(valid, validElements);
      }
    } catch (Exception | LinkageError | AssertionError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String text = Message.INTERNAL_ERROR.format(current == null ? "this round" : current.toString(), trace);
      if (current == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, text);
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, text, current);
      }
    }
    return false;
  }

  private List<TypeElement> modesOf(RoundEnvironment round) {
    Set<TypeElement> modes = new LinkedHashSet<>();
    for (String name : deferred.keySet()) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        modes.add(t);
      }
    }
    deferred.clear();
    TypeElement mode = elements.getTypeElement(Annotations.MODE);
    if (mode != null) {
      for (Element e : round.getElementsAnnotatedWith(mode)) {
        if (e instanceof TypeElement t) {
          modes.add(t);
        }
      }
    }
    List<TypeElement> sorted = new ArrayList<>(modes);
    sorted.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    // Before any is validated: a subclass mode must know which superclass modes report for themselves.
    for (TypeElement t : sorted) {
      sourceModes.add(t.getQualifiedName().toString());
      TypeMirror sup = t.getSuperclass();
      while (sup.getKind() == TypeKind.DECLARED) {
        TypeElement e = (TypeElement) processingEnv.getTypeUtils().asElement(sup);
        modeSuperclasses.add(e.getQualifiedName().toString());
        sup = e.getSuperclass();
      }
    }
    return sorted;
  }

  /** The classes annotated with the annotation in this round, plus the named ones, sorted by name. */
  private List<TypeElement> annotated(RoundEnvironment round, String annotationName, Set<String> also) {
    Set<TypeElement> out = new LinkedHashSet<>();
    for (String name : also) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        out.add(t);
      }
    }
    TypeElement annotation = elements.getTypeElement(annotationName);
    if (annotation != null) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e instanceof TypeElement t) {
          out.add(t);
        }
      }
    }
    List<TypeElement> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return sorted;
  }

  private void validateTaskType(TypeElement taskType, boolean lastChance) throws IOException {
    ExtensionValidator.Result<TaskTypeModel> result = extensionValidator.validateTaskType(taskType, lastChance);
    if (result.deferred()) {
      deferredTaskTypes.add(taskType.getQualifiedName().toString());
      return;
    }
    result.problems().forEach(this::print);
    if (result.model().isPresent()) {
      generate(result.model().get(), taskType);
    }
  }

  private void generate(ModalityModel model, TypeElement origin) throws IOException {
    GeneratedFile provider = extensionWriter.provider(model);
    if (writeSource(provider, origin)) {
      modalityProviders.add(provider.name());
    }
    writeSource(extensionWriter.marker(model), origin);
  }

  private void generate(TaskTypeModel model, TypeElement origin) throws IOException {
    GeneratedFile provider = extensionWriter.provider(model);
    if (writeSource(provider, origin)) {
      taskTypeProviders.add(provider.name());
    }
    writeSource(extensionWriter.marker(model), origin);
    if (model.trainable()) {
      writeResource(taskTypeYamlWriter.loss(model), origin);
      writeResource(taskTypeYamlWriter.metrics(model), origin);
    }
  }

  private Set<Element> membersOf(RoundEnvironment round) {
    Set<Element> members = new LinkedHashSet<>();
    for (String name : List.of(Annotations.SUBROUTINE, Annotations.PER_TASK, Annotations.RESOURCES, Annotations.PARAM)) {
      TypeElement annotation = elements.getTypeElement(name);
      if (annotation != null) {
        members.addAll(round.getElementsAnnotatedWith(annotation));
      }
    }
    return members;
  }

  private void generate(ModeModel model, TypeElement origin) throws IOException {
    GeneratedFile routine = routineWriter.write(model);
    if (writeSource(routine, origin)) {
      routines.add(routine.name());
    }
    writeResource(yamlWriter.write(model), origin);
  }

  private void writeMain(List<ModeModel> valid, List<TypeElement> origins) throws IOException {
    if (mainWritten || !options.mainEnabled()) {
      return;
    }
    mainWritten = true;
    String name = options.mainClass().orElseGet(() -> {
      String pkg = valid.stream().map(m -> m.scheduler().canonicalName()).sorted().findFirst()
          .flatMap(first -> valid.stream().filter(m -> m.scheduler().canonicalName().equals(first)).findFirst())
          .orElseThrow().scheduler().packageName();
      return pkg.isEmpty() ? "MmlMain" : pkg + ".MmlMain";
    });
    writeSource(mainWriter.write(name, generatedAvailable), origins.toArray(new Element[0]));
  }

  private void finish() throws IOException {
    for (Map.Entry<String, String> e : deferred.entrySet()) {
      TypeElement t = elements.getTypeElement(e.getKey());
      String text = Message.UNRESOLVED_TYPES.format(e.getKey(), e.getValue());
      if (t != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, text, t);
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, text);
      }
    }
    deferred.clear();
    // Task types still naming unknown modalities: report them now (no source can be generated any more).
    for (String name : new ArrayList<>(deferredTaskTypes)) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        ExtensionValidator.Result<TaskTypeModel> result = extensionValidator.validateTaskType(t, true);
        result.problems().forEach(this::print);
      }
    }
    deferredTaskTypes.clear();
    // Never replace a registry with an empty one (e.g. a compilation without modes).
    writeRegistry(RegistryWriter.PATH, routines);
    writeRegistry(RegistryWriter.MODALITY_PATH, modalityProviders);
    writeRegistry(RegistryWriter.TASK_TYPE_PATH, taskTypeProviders);
  }

  private void writeRegistry(String path, Set<String> generated) throws IOException {
    if (generated.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>(generated);
    all.addAll(existingRegistryEntries(path));
    writeResource(registryWriter.write(path, all));
  }

  /**
   * Entries of a registry already in the class output: an incremental compilation may process only
   * some modes, and the others must stay registered (as AutoService does). The runtime skips stale ones.
   */
  private Set<String> existingRegistryEntries(String path) {
    Set<String> entries = new TreeSet<>();
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path);
      try (InputStream in = existing.openInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          String l = line.replaceFirst("#.*", "").trim();
          if (!l.isEmpty()) {
            entries.add(l);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no registry yet
    }
    return entries;
  }

  private boolean writeSource(GeneratedFile file, Element... origins) throws IOException {
    if (!written.add("java:" + file.name())) {
      return false;
    }
    try {
      JavaFileObject out = filer.createSourceFile(file.name(), origins);
      try (Writer w = out.openWriter()) {
        w.write(file.content());
      }
    } catch (FilerException e) {
      warnExisting(file.name(), e, origins);
      return false;
    }
    note("generated " + file.name(), origins);
    return true;
  }

  private void writeResource(GeneratedFile file, Element... origins) throws IOException {
    if (!written.add("resource:" + file.name())) {
      return;
    }
    try {
      FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", file.name(), origins);
      try (OutputStream o = out.openOutputStream()) {
        o.write(file.content().getBytes(StandardCharsets.UTF_8));
      }
    } catch (FilerException e) {
      warnExisting(file.name(), e, origins);
      return;
    }
    note("wrote " + file.name(), origins);
  }

  private void warnExisting(String name, FilerException e, Element... origins) {
    String text = Message.ALREADY_GENERATED.format(name, e.getMessage());
    if (origins.length > 0) {
      messager.printMessage(Diagnostic.Kind.WARNING, text, origins[0]);
    } else {
      messager.printMessage(Diagnostic.Kind.WARNING, text);
    }
  }

  private void note(String text, Element... origins) {
    if (!options.verbose()) {
      return;
    }
    String msg = "[mml-processor] " + text;
    if (origins.length > 0) {
      messager.printMessage(Diagnostic.Kind.NOTE, msg, origins[0]);
    } else {
      messager.printMessage(Diagnostic.Kind.NOTE, msg);
    }
  }

  private void print(Problem p) {
    if (p.value() != null) {
      messager.printMessage(p.kind(), p.text(), p.element(), p.mirror(), p.value());
    } else if (p.mirror() != null) {
      messager.printMessage(p.kind(), p.text(), p.element(), p.mirror());
    } else {
      messager.printMessage(p.kind(), p.text(), p.element());
    }
  }
}
