# Sourced by cpu_check.sh and gpu_run.sh: the options they share (see the head of each). Sets official, bagel,
# packages, work (empty when not given), mutations (0/1) and extra (the arguments after --, for gpu_check).
parse_check_args() {
  local name=$1
  shift
  official="" bagel="" packages="" work="" mutations=0 extra=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --official-repo) official="$(cd "$2" && pwd)"; shift 2 ;;
      --bagel-repo) bagel="$(cd "$2" && pwd)"; shift 2 ;;
      --packages) packages="$(cd "$2" && pwd)"; shift 2 ;;
      --work) mkdir -p "$2"; work="$(cd "$2" && pwd)"; shift 2 ;;
      --mutations) mutations=1; shift ;;
      --) shift; extra=("$@"); break ;;
      *) echo "$name: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
  done
  [ -n "$official" ] && [ -n "$bagel" ] && [ -n "$packages" ] || {
    echo "$name: --official-repo, --bagel-repo and --packages are required (see the head of $0)" >&2; exit 2; }
}
