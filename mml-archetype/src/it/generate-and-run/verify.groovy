// A new user's path with the artifacts of this build only (the invoker's repository), command by
// command as the README's "Your own project" section gives them:
// generate; build and run the project's mode with its launcher; run the jar (train, a built-in);
// read the generated YAML; add a modality and a task type; the project's tests; an offline build.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def work = new File(basedir, 'work')
work.mkdirs()
def data = new File(basedir, 'data').absolutePath
def results = new File(basedir, 'results').absolutePath
def javaBin = new File(System.getProperty('java.home'), 'bin/java').absolutePath

def run = { File dir, List<String> cmd, String log ->
  def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true)
      .redirectOutput(new File(basedir, log))
  pb.environment().put('MML_DATA_PATH', data)
  pb.environment().put('MML_RESULTS_PATH', results)
  pb.environment().remove('MML_CONFIGS_PATH')
  // The launcher's build uses this build's repository too.
  pb.environment().put('MAVEN_OPTS', "-Dmaven.repo.local=${itRepo}".toString())
  pb.environment().put('JAVA', javaBin)
  pb.environment().put('PATH', new File(mavenHome, 'bin').absolutePath + File.pathSeparator + System.getenv('PATH'))
  def p = pb.start()
  p.waitFor()
  def exit = p.exitValue()
  if (exit != 0) {
    println "${cmd.join(' ')} exited with ${exit}:"
    println new File(basedir, log).text
  }
  return exit
}
def maven = { File dir, List<String> args, String log -> run(dir, [mvn, '-B', '-ntp'] + args, log) }

// 1. Generate.
assert maven(work, ["org.apache.maven.plugins:maven-archetype-plugin:${archetypePluginVersion}:generate",
    '-DarchetypeGroupId=io.mml', '-DarchetypeArtifactId=mml-archetype', "-DarchetypeVersion=${archetypeVersion}",
    '-DgroupId=com.example', '-DartifactId=my-study', '-Dpackage=com.example.study', '-DinteractiveMode=false'],
    'generate.log') == 0
def project = new File(work, 'my-study')
assert new File(project, 'src/main/java/com/example/study/StudyScheduler.java').isFile()
assert new File(project, 'mml').canExecute() : 'the launcher is executable'
def pom = new File(project, 'pom.xml').text
assert pom.contains("<mml.version>${archetypeVersion}</mml.version>") : pom
assert pom.contains('<arg>-Xlint:all</arg>') && pom.contains('<arg>-Werror</arg>') : 'a strict build'

// 2. Build and run its mode in one command (the launcher builds on first use).
assert run(project, ['./mml', 'study', 'tasks=demo'], 'study.log') == 0
def tables = new File(results, 'default/STUDY').listFiles().findAll { it.name.endsWith('.csv') }
assert tables.size() == 1 : tables
def lines = tables[0].readLines()
assert lines[0] == 'task,images,mean,bright_fraction'
assert lines.size() == 4 : lines

// 3. The jar runs every mode, mml's built-ins included.
assert run(project, [javaBin, '-Dai.djl.offline=true', '-jar', 'target/my-study.jar', 'train', 'tasks=demo',
    'trainer.max_epochs=1'], 'train.log') == 0
def models = new File(results, 'default/MODELS')
assert models.isDirectory() && models.list().length == 3 : 'a model per demo task'
assert new File(results, 'default/TEST').listFiles().findAll { it.name.endsWith('.csv') }.size() == 3

// 4. The generated YAML.
def yaml = new File(project, 'target/classes/META-INF/mml/configs/mode/study.yaml').text
assert yaml.contains('threshold: 0.5') && yaml.contains('augmentations: no_norm') : yaml

// 5. Add a modality and a task type; the next launcher call rebuilds and registers them.
['Depth.java', 'DepthParts.java'].each { name ->
  new File(project, "src/main/java/com/example/study/${name}").text = new File(basedir, "extension/${name}").text
}
assert run(project, ['./mml', '--help'], 'help.log') == 0
def help = new File(basedir, 'help.log').text
assert help.contains('study') && help.contains('train') : help
def classes = new File(project, 'target/classes')
assert new File(classes, 'META-INF/services/io.mml.runtime.tasktype.TaskTypeProvider').text
    .contains('com.example.study.Depth_Estimation_TaskTypeProvider')
assert new File(classes, 'META-INF/mml/configs/loss/depth/default.yaml').isFile()

// 6. The project's own test, and an offline build.
assert maven(project, ["-Dmaven.repo.local=${itRepo}", 'verify'], 'verify.log') == 0
assert new File(basedir, 'verify.log').text.contains('Tests run: 1, Failures: 0, Errors: 0')
// Offline: every plugin the build needs is in the repository by now (a changed source forces a compile).
new File(project, 'src/main/java/com/example/study/StudyScheduler.java').setLastModified(System.currentTimeMillis())
assert maven(project, ["-Dmaven.repo.local=${itRepo}", '-o', '-q', 'package', '-DskipTests'], 'offline.log') == 0
return true
