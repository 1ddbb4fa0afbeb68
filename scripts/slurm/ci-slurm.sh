#!/usr/bin/env bash
# A one-node Slurm cluster for CI and local tests (Debian 12 / slurm 22.05, no systemd), run as root.
# Usage: ci-slurm.sh [pkgs] [up] [down]   (verbs run in order; default: up)
#   pkgs  apt-get install munge slurmctld slurmd slurm-client
#   up    start munged, write slurm.conf, start slurmctld + slurmd, wait until the node is idle (~1 s)
#   down  stop the daemons by PID
# SLURM_CI_DIR (default /tmp/slurm-ci) holds state, logs and pid files; SLURM_CI_CPUS the CPUs to declare
# (may exceed nproc). Tried for real: ../../docs/slurm.md, "CI".
set -euo pipefail
D=${SLURM_CI_DIR:-/tmp/slurm-ci}
H=$(hostname -s)
CPUS=${SLURM_CI_CPUS:-$(nproc)}

pkgs() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends munge slurmctld slurmd slurm-client
}

alive() { [ -s "$1" ] && ps -o stat= -p "$(cat "$1")" 2>/dev/null | grep -qv Z; }

up() {
  mkdir -p "$D"/{state,spool,log}
  getent hosts "$H" >/dev/null || echo "127.0.0.1 $H" >> /etc/hosts
  [ -s /etc/munge/munge.key ] || { mungekey -c -f -k /etc/munge/munge.key 2>/dev/null \
        || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; }
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  /usr/bin/install -d -o munge -g munge -m 0755 /run/munge /var/log/munge /var/lib/munge
  if ! alive /run/munge/munged.pid; then runuser -u munge -- /usr/sbin/munged; touch "$D/munged.ours"; fi
  munge -n | unmunge >/dev/null
  MEM=$(( $(free -m | awk '/^Mem:/{print $7}') * 9 / 10 ))
  mkdir -p /etc/slurm
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=$H
SlurmUser=root
AuthType=auth/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$D/log/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
MinJobAge=600
KillWait=5
InactiveLimit=0
NodeName=$H CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=INFINITE State=UP
CONF
  alive "$D/slurmctld.pid" || slurmctld -c
  alive "$D/slurmd.pid" || slurmd
  local st=""
  for _ in $(seq 1 120); do
    st=$(sinfo -h -n "$H" -o %T 2>/dev/null || true)
    [ "$st" = idle ] && { echo "slurm up: node $H idle"; return 0; }
    case "$st" in down*|drain*|inval*) scontrol update nodename="$H" state=resume || true;; esac
    sleep 0.5
  done
  echo "slurm did not come up (state '$st')" >&2
  tail -n 30 "$D"/log/slurmctld.log "$D"/log/slurmd.log >&2; return 1
}

down() {
  local m=""; [ -e "$D/munged.ours" ] && m=/run/munge/munged.pid   # stop munged only if up started it
  for f in "$D/slurmd.pid" "$D/slurmctld.pid" $m; do
    [ -s "$f" ] || continue
    p=$(cat "$f"); kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 1 50); do ps -o stat= -p "$p" 2>/dev/null | grep -qv Z || break; sleep 0.2; done
  done
  rm -f "$D/munged.ours"
  echo "slurm down"
}

for verb in "${@:-up}"; do "$verb"; done
