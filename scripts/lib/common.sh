# shellcheck shell=bash
# Shared helpers for scripts/setup.sh and scripts/test.sh. Sourced, never run.
# Every path and name can be overridden by the environment (see README).

AS_ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_USER=${AUTO_SERVICE_BENCH_USER:-frappe}
# The MariaDB server the sites live on: the local system server by default. With a host or port of your
# own, that server must already be running (utf8mb4, as README says); AUTO_SERVICE_DB_SOCKET is its socket,
# used only to set the root password by socket login.
DB_HOST=${AUTO_SERVICE_DB_HOST:-127.0.0.1}
DB_PORT=${AUTO_SERVICE_DB_PORT:-3306}
DB_SOCKET=${AUTO_SERVICE_DB_SOCKET:-}

log() { printf '\033[1;34m[auto_service]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[auto_service]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[auto_service]\033[0m %s\n' "$*" >&2; exit 1; }

# The bench: $AUTO_SERVICE_BENCH, else the bench user's ~/frappe-bench, else the caller's ~/frappe-bench.
find_bench() {
	local candidates=()
	[ -n "${AUTO_SERVICE_BENCH:-}" ] && candidates+=("$AUTO_SERVICE_BENCH")
	local user_home
	user_home=$(getent passwd "$BENCH_USER" | cut -d: -f6 || true)
	[ -n "$user_home" ] && candidates+=("$user_home/frappe-bench")
	candidates+=("$HOME/frappe-bench")
	for dir in "${candidates[@]}"; do
		if [ -d "$dir/apps/frappe" ] && [ -x "$dir/env/bin/python" ] && [ -d "$dir/sites" ]; then
			echo "$dir"
			return 0
		fi
	done
	return 1
}

# Run a command as the bench's owner (bench refuses root), from the bench folder.
as_bench_user() {
	local bench=$1
	shift
	local owner
	owner=$(stat -c %U "$bench")
	local path="$bench/env/bin:$HOME/.local/bin:/usr/local/bin:/usr/bin:/bin"
	local owner_home
	owner_home=$(getent passwd "$owner" | cut -d: -f6)
	[ -d "$owner_home/.local/bin" ] && path="$owner_home/.local/bin:$path"
	if [ "$(id -un)" = "$owner" ]; then
		(cd "$bench" && PATH="$path:$PATH" "$@")
	else
		(cd "$bench" && runuser -u "$owner" -- env HOME="$owner_home" PATH="$path" "$@")
	fi
}

# true when the DB settings are the upstream defaults (the machine's own MariaDB service)
db_is_local_service() {
	[ "$DB_PORT" = 3306 ] && case "$DB_HOST" in 127.0.0.1 | localhost) true ;; *) false ;; esac && [ -z "$DB_SOCKET" ]
}

# mysqladmin ping exits 0 whenever a server answers, even when the login is refused
mariadb_running() { mysqladmin --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" ping >/dev/null 2>&1; }

# a client over TCP as root, with the password (a socket login would ignore it)
mysql_root_tcp() {
	MYSQL_PWD=$DB_ROOT_PASSWORD mysql --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -uroot "$@"
}

start_mariadb() {
	if mariadb_running; then
		return 0
	fi
	db_is_local_service || die "no MariaDB answers on $DB_HOST:$DB_PORT (AUTO_SERVICE_DB_HOST/PORT): start it first"
	log "starting MariaDB"
	local sudo=""
	[ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
	if command -v service >/dev/null 2>&1 && $sudo service mariadb start >/dev/null 2>&1; then
		:
	elif command -v mysqld_safe >/dev/null 2>&1; then
		($sudo mysqld_safe >/dev/null 2>&1 &)
	else
		die "MariaDB is not installed (run scripts/setup.sh)"
	fi
	for _ in $(seq 1 60); do
		mariadb_running && return 0
		sleep 1
	done
	die "MariaDB did not start"
}

# Redis for the bench: the ports and files are in the bench's config/redis_*.conf.
start_redis() {
	local bench=$1 conf port
	for conf in "$bench"/config/redis_cache.conf "$bench"/config/redis_queue.conf; do
		[ -f "$conf" ] || continue
		port=$(awk '$1=="port"{print $2}' "$conf")
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			log "starting Redis on 127.0.0.1:$port ($(basename "$conf"))"
			as_bench_user "$bench" mkdir -p "$bench/config/pids"
			as_bench_user "$bench" redis-server "$conf" --daemonize yes --bind 127.0.0.1 \
				--pidfile "$bench/config/pids/auto_service-redis-$port.pid" >/dev/null
			for _ in $(seq 1 30); do
				redis-cli -p "$port" ping >/dev/null 2>&1 && break
				sleep 0.5
			done
		fi
	done
}

# Stop the bench's Redis servers that start_redis started (their pid files are in config/pids).
stop_redis() {
	local bench=$1 pidfile port
	for pidfile in "$bench"/config/pids/auto_service-redis-*.pid; do
		[ -f "$pidfile" ] || continue
		port=${pidfile##*-}
		port=${port%.pid}
		log "stopping Redis on 127.0.0.1:$port"
		redis-cli -p "$port" shutdown >/dev/null 2>&1 || kill "$(cat "$pidfile")" 2>/dev/null || true
		rm -f "$pidfile"
	done
}

# Put this checkout into the bench as apps/auto_service: a link when the bench user can read the
# checkout (development: edits are live), else a copy (e.g. a CI clone in a private folder).
link_app() {
	local bench=$1 target="$1/apps/auto_service" owner
	owner=$(stat -c %U "$bench")
	if [ -e "$target" ] && [ ! -L "$target" ]; then
		if [ "$(readlink -f "$target")" != "$AS_ROOT_DIR" ] && [ ! -f "$target/.auto_service_copy" ]; then
			local aside
			aside="$target.moved-$(date +%Y%m%d%H%M%S)"
			warn "moving the existing $target aside to $aside"
			mv "$target" "$aside"
		fi
	fi
	if runuser -u "$owner" -- test -r "$AS_ROOT_DIR/auto_service/hooks.py" 2>/dev/null || [ "$(id -un)" = "$owner" ]; then
		[ -d "$target" ] && [ ! -L "$target" ] && rm -rf "$target"
		ln -sfn "$AS_ROOT_DIR" "$target"
		# bench build writes the bundles into the app's public/dist (linked into sites/assets)
		mkdir -p "$AS_ROOT_DIR/auto_service/public/dist"
		[ "$(id -u)" = 0 ] && chown -R "$owner" "$AS_ROOT_DIR/auto_service/public/dist"
	else
		log "the bench user cannot read $AS_ROOT_DIR: copying the checkout into the bench"
		rm -rf "$target"
		mkdir -p "$target"
		(cd "$AS_ROOT_DIR" && tar --exclude=.git --exclude=.venv -cf - .) | (cd "$target" && tar -xf -)
		touch "$target/.auto_service_copy"
		chown -R "$owner" "$target"
	fi
	if ! grep -qx auto_service "$bench/sites/apps.txt"; then
		# apps.txt may lack its last newline
		[ -n "$(tail -c 1 "$bench/sites/apps.txt")" ] && echo >>"$bench/sites/apps.txt"
		echo auto_service >>"$bench/sites/apps.txt"
	fi
	# dependencies of the app + its import path into the bench's Python. As the bench user when it can
	# write the checkout (pip writes the egg-info beside setup.py), else as the caller; either way the
	# bench's env stays the bench user's.
	local runner=()
	if [ "$(id -un)" != "$owner" ] && runuser -u "$owner" -- test -w "$target/" 2>/dev/null; then
		runner=(runuser -u "$owner" -- env HOME="$(getent passwd "$owner" | cut -d: -f6)" PATH="$PATH")
	fi
	if "$bench/env/bin/python" -m pip --version >/dev/null 2>&1; then
		"${runner[@]}" "$bench/env/bin/python" -m pip install --quiet --disable-pip-version-check \
			--no-build-isolation -e "$target"
	else
		command -v uv >/dev/null 2>&1 || die "neither pip nor uv can install into $bench/env"
		"${runner[@]}" uv pip install --quiet --python "$bench/env/bin/python" -e "$target"
	fi
	if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
		find "$bench/env" \( -user root -o -group root \) -exec chown -h "$owner:$(id -gn "$owner")" {} + 2>/dev/null || true
	fi
}

site_has_app() {
	local bench=$1 site=$2
	as_bench_user "$bench" bench --site "$site" list-apps 2>/dev/null | grep -q '^auto_service'
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Serve one site on 127.0.0.1:$port with static files (gunicorn, as the bench user), in the background.
# Prints the gunicorn master's pid. The bench user must be able to read scripts/lib (true for the bench's
# apps/auto_service) and write the pid file in the bench's config/pids. A fifth argument "dev" serves as
# `bench serve` does (DEV_SERVER=1): the desk then talks to the realtime server on its own port.
serve_site() {
	local bench=$1 site=$2 port=$3 log=$4 dev=${5:-}
	local dev_env="DEV_SERVER=0"
	[ "$dev" = dev ] && dev_env="DEV_SERVER=1"
	local lib="$bench/apps/auto_service/scripts/lib"
	local pidfile="$bench/config/pids/auto_service-gunicorn-$port.pid"
	as_bench_user "$bench" mkdir -p "$bench/config/pids"
	as_bench_user "$bench" env AUTO_SERVICE_SERVE_SITE="$site" "$dev_env" bash -c \
		"cd sites && exec ../env/bin/gunicorn -b 127.0.0.1:$port -w 2 -t 120 -p '$pidfile' --pythonpath '$lib' wsgi_site:application" \
		>>"$log" 2>&1 &
	for _ in $(seq 1 60); do
		if curl -fs "http://127.0.0.1:$port/api/method/ping" >/dev/null 2>&1 && [ -s "$pidfile" ]; then
			cat "$pidfile"
			return 0
		fi
		sleep 1
	done
	[ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
	return 1
}
