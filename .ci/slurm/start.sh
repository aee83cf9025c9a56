#!/usr/bin/env bash
# Installs (if missing) and starts a single-node Slurm cluster on this machine, idempotently, and
# waits until the node is idle. Needs root (or passwordless sudo) and Debian's slurm-wlm + munge.
# Used by .ci/run before the tests; the Slurm integration tests skip themselves when it is absent.
#   MML_SLURM_SKIP=1   do nothing
set -euo pipefail
[[ "${MML_SLURM_SKIP:-0}" == "1" ]] && { echo "slurm: skipped (MML_SLURM_SKIP=1)"; exit 0; }
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else echo "slurm: not root and no sudo; not starting a cluster" >&2; exit 0; fi
fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm: installing slurm-wlm and munge from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  $SUDO apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

if scontrol ping 2>/dev/null | grep -q 'is UP' && sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
  echo "slurm: already running"; sinfo; exit 0
fi

conf_dir=/etc/slurm
$SUDO mkdir -p "$conf_dir" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cpus=$(nproc)
mem_mb=$(awk '/MemTotal/ {print int($2/1024*0.8)}' /proc/meminfo)
$SUDO tee "$conf_dir/slurm.conf" >/dev/null <<CONF
# Single-node test cluster written by .ci/slurm/start.sh
ClusterName=mmltest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
MailProg=/bin/true
ReturnToService=2
SlurmdTimeout=30
MinJobAge=600
SchedulerParameters=sched_interval=1,defer_batch
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=localhost CPUs=${cpus} RealMemory=${mem_mb} State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

# munge: a key, then the daemon as user munge
if [[ ! -s /etc/munge/munge.key ]]; then
  $SUDO mkdir -p /etc/munge
  $SUDO dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
$SUDO chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
$SUDO chmod 0400 /etc/munge/munge.key
$SUDO chmod 0755 /run/munge
if ! pgrep -u munge -x munged >/dev/null; then
  $SUDO -u munge munged 2>/dev/null || $SUDO su -s /bin/sh munge -c munged || runuser -u munge -- munged
fi

if ! pgrep -x slurmctld >/dev/null; then
  $SUDO bash -c 'nohup slurmctld -D >/var/log/slurm/slurmctld.out 2>&1 &'
fi
if ! pgrep -x slurmd >/dev/null; then
  $SUDO bash -c 'nohup slurmd -D -N localhost >/var/log/slurm/slurmd.out 2>&1 &'
fi

for i in $(seq 1 60); do
  state=$(sinfo -h -n localhost -o '%T' 2>/dev/null | head -1 || true)
  case "$state" in
    idle|mixed|allocated) echo "slurm: node localhost is $state"; sinfo; exit 0 ;;
    down*|drain*) $SUDO scontrol update nodename=localhost state=resume 2>/dev/null || true ;;
  esac
  sleep 1
done
echo "slurm: the node did not become idle in 60 s; see /var/log/slurm/" >&2
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
