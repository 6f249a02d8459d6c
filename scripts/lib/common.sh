# Shared helpers for scripts/setup.sh and scripts/test.sh. Sourced, never run.
# Every path and name can be overridden by the environment (see README).

AS_ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_USER=${AUTO_SERVICE_BENCH_USER:-frappe}

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

mariadb_running() { mysqladmin --protocol=tcp -h 127.0.0.1 ping >/dev/null 2>&1 || mysqladmin ping >/dev/null 2>&1; }

start_mariadb() {
	if mariadb_running; then
		return 0
	fi
	log "starting MariaDB"
	if command -v service >/dev/null 2>&1 && service mariadb start >/dev/null 2>&1; then
		:
	elif command -v mysqld_safe >/dev/null 2>&1; then
		(mysqld_safe >/dev/null 2>&1 &)
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
			as_bench_user "$bench" redis-server "$conf" --daemonize yes --bind 127.0.0.1 >/dev/null
			for _ in $(seq 1 30); do
				redis-cli -p "$port" ping >/dev/null 2>&1 && break
				sleep 0.5
			done
		fi
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
	# dependencies of the app + its import path into the bench's Python, as the caller (the checkout
	# may not be writable by the bench user; pip writes the egg-info beside setup.py)
	if "$bench/env/bin/python" -m pip --version >/dev/null 2>&1; then
		"$bench/env/bin/python" -m pip install --quiet --no-build-isolation -e "$target"
	else
		command -v uv >/dev/null 2>&1 || die "neither pip nor uv can install into $bench/env"
		uv pip install --quiet --python "$bench/env/bin/python" -e "$target"
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
