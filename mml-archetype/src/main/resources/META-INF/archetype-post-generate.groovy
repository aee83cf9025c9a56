// The archetype plugin does not keep file modes: make the launcher executable.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, 'mml').setExecutable(true, false)
