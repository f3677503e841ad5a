# shellcheck shell=bash
# Shared by the benchmark scripts (sourced, not run): logging, free ports, process CPU from /proc,
# timing a client command, medians, ratios, goal verdicts and gnuplot. No side effects on load.
#
# Globals the caller sets before calling these functions:
#   scratch   a temp directory of the run (timed writes $scratch/client.cpu)
#   clk_tck   $(getconf CLK_TCK), for ticks_to_seconds

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# A port nobody listens on now. The kernel picks it (bind to port 0), so parallel runs don't collide
# on a fixed number; the small window before the broker binds it is accepted.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something accepts TCP connections on 127.0.0.1:PORT, or the process PID dies.
wait_for_port() { # PORT PID WHAT
  local i
  for i in $(seq 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || die "$3 exited before listening on port $1"
    sleep 0.1
  done
  die "$3 did not listen on port $1 within 60 s"
}

# Stops one process this script started, by PID: SIGTERM, up to 10 s for a clean exit, then SIGKILL.
stop_pid() { # PID
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# CPU time of a whole process (every thread) in clock ticks: fields 14 and 15 of /proc/PID/stat,
# counted after the ')' that closes the command name, which may itself contain spaces.
cpu_ticks() {
  local stat
  stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }"
  awk '{print $12 + $13}' <<<"$stat"
}

# Runs a client command with stdout and stderr to files, and writes the CPU seconds (user + system)
# it and its children used to $scratch/client.cpu: bash's `time` of the child process.
timed() { # OUT_FILE ERR_FILE COMMAND...
  local out="$1" err="$2" TIMEFORMAT='%3U %3S' times rc=0
  shift 2
  times="$({ time "$@" >"$out" 2>"$err"; } 2>&1)" || rc=$?
  awk '{printf "%.3f\n", $1 + $2}' <<<"${times##*$'\n'}" >"$scratch/client.cpu"
  return "$rc"
}

# The CPU figures are only right if PID is the broker's JVM itself (not a shell that started it).
check_is_jvm() { # PID WHAT
  local name
  name="$(cat "/proc/$1/comm" 2>/dev/null || echo gone)"
  [ "$name" = java ] || log "warning: $2 PID $1 is '$name', not java: its CPU may not be the broker's"
}

ticks_to_seconds() { awk -v t="$1" -v hz="$clk_tck" 'BEGIN {printf "%.3f", t / hz}'; }

per_million() { # CPU_SECONDS RECORDS -> CPU-seconds per million records, NA stays NA
  awk -v c="$1" -v n="$2" 'BEGIN {if (c == "NA" || n == "NA" || n <= 0) print "NA"; else printf "%.3f", c * 1e6 / n}'
}

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "NA"; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

fmt() { # DECIMALS VALUE: a number rounded, or NA as it is
  awk -v d="$1" -v v="$2" 'BEGIN {if (v == "NA" || v == "") print "NA"; else printf "%.*f", d, v}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "NA" || b == "NA" || a == "" || b == "" || b == 0) print "NA"; else printf "%.2f", a / b}'; }

verdict() { # VALUE GOAL MINIMUM ge|le|lt
  awk -v v="$1" -v g="$2" -v m="$3" -v op="$4" 'BEGIN {
    if (v == "NA" || v == "") { print "n/a"; exit }
    if (op == "ge") print (v >= g ? "met" : (v >= m ? "minimum met, goal not" : "NOT met"))
    else if (op == "le") print (v <= g ? "met" : (v <= m ? "minimum met, goal not" : "NOT met"))
    else print (v < g ? "met" : "NOT met")
  }'
}

# gnuplot comes from Debian's packages; as root the script installs it (the list is refreshed only if
# the first try fails, to keep a warm machine quick).
ensure_gnuplot() {
  command -v gnuplot >/dev/null && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  log "installing gnuplot-nox with apt-get"
  { apt-get install -y -q gnuplot-nox || { apt-get update -q && apt-get install -y -q gnuplot-nox; }; } >&2
}
