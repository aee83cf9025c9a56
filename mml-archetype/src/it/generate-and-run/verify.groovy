// A new user's path, with the artifacts of this build only (the invoker's repository):
// 1. one command starts a project from the archetype;
// 2. one command builds it strictly (-Xlint:all -Werror) and runs its generated main on the demo tasks;
// 3. its own tests pass.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def work = new File(basedir, 'work')
work.mkdirs()

def run = { File dir, List<String> args, String log ->
  def cmd = [mvn, '-B', '-ntp', "-Dmaven.repo.local=${itRepo}".toString()] + args
  def pb = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
      .redirectOutput(new File(basedir, log))
  pb.environment().put('MML_DATA_PATH', new File(basedir, 'data').absolutePath)
  pb.environment().put('MML_RESULTS_PATH', new File(basedir, 'results').absolutePath)
  pb.environment().remove('MML_CONFIGS_PATH')
  def p = pb.start()
  p.waitFor()
  def exit = p.exitValue()
  if (exit != 0) {
    println new File(basedir, log).text
  }
  return exit
}

assert run(work, ["org.apache.maven.plugins:maven-archetype-plugin:${archetypePluginVersion}:generate".toString(),
    '-DarchetypeGroupId=io.mml', '-DarchetypeArtifactId=mml-archetype',
    "-DarchetypeVersion=${archetypeVersion}".toString(), '-DgroupId=com.example', '-DartifactId=my-study',
    '-Dpackage=com.example.study', '-DinteractiveMode=false'], 'generate.log') == 0

def project = new File(work, 'my-study')
assert new File(project, 'src/main/java/com/example/study/StudyScheduler.java').isFile()
def pom = new File(project, 'pom.xml').text
assert pom.contains("<mml.version>${archetypeVersion}</mml.version>") : pom
assert pom.contains('<arg>-Werror</arg>')

// The one command that runs the project's generated main.
assert run(project, ['-q', 'compile', 'exec:exec', '-Dmml.args=study tasks=demo'], 'run.log') == 0
def tables = new File(basedir, 'results/default/STUDY').listFiles().findAll { it.name.endsWith('.csv') }
assert tables.size() == 1 : tables
def lines = tables[0].readLines()
assert lines[0] == 'task,images,mean,bright_fraction'
assert lines.size() == 4 : lines
assert new File(project, 'target/classes/META-INF/mml/configs/mode/study.yaml').text.contains('threshold: 0.5')
assert new File(project, 'target/classes/com/example/study/MmlMain.class').isFile()

// --help lists the project's mode next to the built-in ones.
assert run(project, ['-q', 'exec:exec'], 'help.log') == 0
def help = new File(basedir, 'help.log').text
assert help.contains('study') && help.contains('train') : help

// The project's own test.
assert run(project, ['verify'], 'verify.log') == 0
assert new File(basedir, 'verify.log').text.contains('Tests run: 1, Failures: 0, Errors: 0')
return true
