# shellcheck shell=bash
# Helpers shared by the scripts in bin/, which source this file by a path relative to themselves.
#
# search-engine, database and cache-server each run a throwaway server for development and tests and
# had grown their own copies of the same plumbing (finding the repository, messages, running a server as
# an unprivileged user when invoked as root, installing a Debian package without starting its service,
# polling, the status line); browser-deps and audit-dependencies share the first two. One copy here keeps
# the scripts from drifting apart.
#
# Sourcing defines REPO_DIR and functions only: shell options and umask stay each script's own. Read from
# the sourcing script: PROG (the name before each message), and RUN_USER (the user to run a server as).

# shellcheck disable=SC2034 # for the sourcing scripts
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# ---- messages ------------------------------------------------------------------------------
# to stderr: the servers' scripts keep stdout for what callers parse (a URL, a status line)
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	say "ERROR: $*"
	exit 1
}

# die_with_log LOG MESSAGE...: a tool that logs to a file failed; its last lines usually say why
die_with_log() {
	local log="$1"
	shift
	tail -n 20 "$log" >&2
	die "$* (log: $log)"
}

usage() {
	printf 'usage: %s\n' "$*" >&2
	exit 2
}

# status subcommands: exit 3 is "not running", as for an LSB init script's status
not_running() {
	printf 'not running (%s)\n' "$1"
	return 3
}

# ---- waiting -------------------------------------------------------------------------------
# poll_until TIMEOUT INTERVAL COMMAND...: run COMMAND every INTERVAL seconds until it exits 0 (return 0)
# or TIMEOUT seconds have passed (return 1); any other status than 0 or 1 means waiting is pointless
# (say, the server died) and is returned at once.
poll_until() {
	local deadline=$((SECONDS + $1)) interval="$2" rc
	shift 2
	while true; do
		rc=0
		"$@" || rc=$?
		((rc == 1)) || return "$rc"
		((SECONDS < deadline)) || return 1
		sleep "$interval"
	done
}

exited() { ! kill -0 "$1" 2>/dev/null; }

# live_pid FILE PATTERN: print the pid on FILE's first line if that process is alive and PATTERN matches
# its command line: a stale pid may have been reused by another process, and a killed server that nobody
# reaped (a container without an init) lingers as a zombie
live_pid() {
	local pid state
	[[ -f "$1" ]] || return 1
	pid="$(head -n 1 "$1" | tr -dc '0-9')"
	[[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
	state="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
	[[ -n "$state" && "$state" != Z ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
	printf '%s' "$pid"
}

# ---- running a server as an unprivileged user ----------------------------------------------
# Elasticsearch and PostgreSQL refuse to run as root: as root they run as RUN_USER, which must reach
# their directories.

# true if every existing directory from / down to $1 can be traversed by other users
world_traversable() {
	local p="$1" mode
	while [[ -n "$p" && "$p" != / ]]; do
		if [[ -d "$p" ]]; then
			mode="$(stat -c %A "$p")"
			[[ "${mode:9:1}" == [xt] ]] || return 1
		fi
		p="$(dirname "$p")"
	done
}

# server_dir VARIABLE DEFAULT FALLBACK: print the directory the environment VARIABLE names, else DEFAULT;
# as root, FALLBACK if RUN_USER could not reach DEFAULT (the repository sits in a private directory,
# e.g. under /root)
server_dir() {
	if [[ -n "${!1:-}" ]]; then
		printf '%s' "${!1}"
	elif ((EUID == 0)) && ! world_traversable "$2"; then
		printf '%s' "$3"
	else
		printf '%s' "$2"
	fi
}

as_runner() {
	if ((EUID == 0)); then
		if command -v runuser >/dev/null 2>&1; then
			runuser -u "$RUN_USER" -- "$@"
		else
			command -v setpriv >/dev/null 2>&1 || die "'runuser' or 'setpriv' is required"
			setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups -- "$@"
		fi
	else
		"$@"
	fi
}

# ensure_system_user SERVER: as root, create RUN_USER if missing; SERVER names what refuses root
ensure_system_user() {
	if ! id -u "$RUN_USER" >/dev/null 2>&1; then
		command -v useradd >/dev/null 2>&1 || die "'useradd' is required to create user '$RUN_USER'"
		say "creating system user '$RUN_USER' ($1 refuses to run as root)"
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
			--user-group "$RUN_USER" 2>/dev/null || id -u "$RUN_USER" >/dev/null 2>&1 ||
			die "could not create user '$RUN_USER'"
	fi
}

# give_to_run_user DIR WRITABLE VARIABLE: as root, hand DIR to RUN_USER and check that it can write
# WRITABLE; VARIABLE is the environment variable that moves DIR elsewhere
give_to_run_user() {
	chown -R "$RUN_USER:" "$1"
	as_runner test -w "$2" ||
		die "user '$RUN_USER' cannot write $2 (a parent directory is not world-traversable?); set $3"
}

# ---- Debian packages -----------------------------------------------------------------------
# install_debian_package PACKAGE NAME LOG_TAG [ALTERNATIVE]: as root, apt-get install PACKAGE (NAME is
# what the messages call it, ALTERNATIVE a hint for those who cannot install it); apt-get update only if
# the plain install fails
install_debian_package() {
	local package="$1" name="$2" log="/tmp/zhengce-apt-$3.log"
	((EUID == 0)) || die "$name is not installed: run 'apt-get install $package'${4:+ ($4)}"
	command -v apt-get >/dev/null 2>&1 || die "$name is not installed and there is no apt-get"
	say "installing Debian's $package package"
	# policy-rc.d exit 101: the package's own service must not start (nothing should listen on its
	# default port; the scripts start their servers themselves)
	local policy=/usr/sbin/policy-rc.d created_policy='' rc=0
	if [[ ! -e "$policy" ]]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		created_policy=1
	fi
	{
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 ||
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; }
	} >"$log" 2>&1 || rc=$?
	if [[ -n "$created_policy" ]]; then rm -f "$policy"; fi
	((rc == 0)) || die_with_log "$log" "apt-get install $package failed"
	rm -f "$log"
}
