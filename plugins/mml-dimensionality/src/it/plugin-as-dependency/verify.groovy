// The project compiled with its own mode. Its generated main runs the plugin's mode dim when the plugin is a
// dependency (found only by being on the class path), and without it names the plugin to install.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def javaBin = new File(System.getProperty('java.home'), 'bin/java').absolutePath
def data = new File(basedir, 'data').absolutePath
def results = new File(basedir, 'results').absolutePath

def run = { List<String> cmd, String log ->
  def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(basedir).redirectErrorStream(true)
      .redirectOutput(new File(basedir, log))
  pb.environment().remove('MML_CONFIGS_PATH')
  def p = pb.start()
  p.waitFor()
  return [p.exitValue(), new File(basedir, log).text]
}
def classpath = { String profileArg, String file ->
  def args = [mvn, '-B', '-ntp', "-Dmaven.repo.local=${itRepo}", '-s', settings, 'dependency:build-classpath',
      "-Dmdep.outputFile=${file}", '-Dmdep.includeScope=runtime']
  if (profileArg) {
    args << profileArg
  }
  def (exit, out) = run(args, file + '.log')
  assert exit == 0 : out
  return new File(basedir, 'target/classes').absolutePath + File.pathSeparator + new File(basedir, file).text.trim()
}
def mml = { String cp, String log, List<String> args ->
  run([javaBin, '-XX:+UseSerialGC', '-Dai.djl.offline=true', '-cp', cp, 'com.example.MmlMain'] + args
      + ["data_dir=${data}", "out_dir=${results}"], log)
}

assert new File(basedir, 'target/classes/com/example/MmlMain.class').isFile() : 'the processor generated the main'

// With the plugin: dim runs on the demo tasks and writes a dimension per task and the plot.
def withPlugin = classpath('-Pwith-plugin', 'cp-with.txt')
assert withPlugin.contains('mml-dimensionality-') : 'the plugin jar is on the class path'
def (exit, out) = mml(withPlugin, 'dim.log', ['dim', 'tasks=demo', 'sampling.sample_num=100'])
assert exit == 0 : out
['demo_shapes', 'demo_stripes', 'demo_tissue'].each { task ->
  def files = new File(results, "default/DIMENSION/${task}").listFiles().findAll { it.name.endsWith('.json') }
  assert files.size() == 1 : "${task}: ${files}"
  assert new groovy.json.JsonSlurper().parse(files[0]).dimension > 0
}
assert new File(results, 'default/PLOTS/dimension').listFiles().any { it.name.endsWith('.png') }
def (helloExit, helloOut) = mml(withPlugin, 'hello.log', ['hello', 'tasks=demo'])
assert helloExit == 0 : helloOut

// Without it: the mode is unknown, and the message asks for the plugin.
def without = classpath(null, 'cp-without.txt')
assert !without.contains('mml-dimensionality-') : without
def (unknownExit, unknownOut) = mml(without, 'unknown.log', ['dim', 'tasks=demo'])
assert unknownExit == 2 : unknownOut
assert unknownOut.contains("Unknown mode 'dim'") : unknownOut
assert unknownOut.contains('io.mml:mml-dimensionality') && unknownOut.contains('is the plugin installed?') : unknownOut
return true
