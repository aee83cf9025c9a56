// The build must fail with the processor's ids, each at its file and line.
def log = new File(basedir, 'build.log').text
def file = 'BrokenScheduler.java'
assert log =~ /${file}:\[11,\d+\].*\[MML-304\]/ : "expected [MML-304] at line 11 in:\n" + log
assert log =~ /${file}:\[16,\d+\].*\[MML-203\]/ : "expected [MML-203] at line 16 in:\n" + log
return true
