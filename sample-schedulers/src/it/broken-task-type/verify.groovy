// The build must fail with the processor's ids, each at its file and line.
def log = new File(basedir, 'build.log').text
def file = 'Depth.java'
assert log =~ /${file}:\[10,\d+\].*\[MML-403\]/ : "expected [MML-403] (no loader) at line 10 in:\n" + log
assert log =~ /${file}:\[13,\d+\].*\[MML-412\]/ : "expected [MML-412] (no head) at line 13 in:\n" + log
assert log =~ /${file}:\[13,\d+\].*\[MML-417\].*'dpeth'.*Did you mean 'depth'/ : "expected [MML-417] at line 13 in:\n" + log
return true
