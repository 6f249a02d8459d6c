#!/usr/bin/env bash
# Sets up auto_service from nothing — system packages, a Frappe v15 + ERPNext v15 bench, a site with this
# app and demo data — and starts it on http://127.0.0.1:$AUTO_SERVICE_PORT. Reuses a bench it finds.
# See README.md for the variables; options: --no-start, --no-demo, --stop.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

FRAPPE_REPO=${FRAPPE_REPO:-https://github.com/frappe/frappe}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
ERPNEXT_REPO=${ERPNEXT_REPO:-https://github.com/frappe/erpnext}
ERPNEXT_BRANCH=${ERPNEXT_BRANCH:-version-15}
SITE=${AUTO_SERVICE_SITE:-auto.localhost}
TEST_SITE=${AUTO_SERVICE_TEST_SITE:-test.localhost}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-admin}
PORT=${AUTO_SERVICE_PORT:-8000}
# the system Python (never a pyenv or conda one in root's PATH); resolved after the system packages
PYTHON=${PYTHON:-}
# frappe-bench and uv go into their own venv (PEP 668: no pip into the system Python), linked into $CLI_BIN
if [ "$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1; then
	CLI_VENV=${AUTO_SERVICE_CLI_VENV:-/opt/frappe-bench-cli}
	CLI_BIN=/usr/local/bin
else
	CLI_VENV=${AUTO_SERVICE_CLI_VENV:-$HOME/.local/share/frappe-bench-cli}
	CLI_BIN=$HOME/.local/bin
fi

START=1
DEMO=1
for arg in "$@"; do
	case "$arg" in
	--no-start) START=0 ;;
	--no-demo) DEMO=0 ;;
	--stop) STOP_ONLY=1 ;;
	*) die "unknown option $arg (see README.md)" ;;
	esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 && SUDO="sudo"
fi

if [ "$(id -u)" = 0 ]; then
	BENCH_HOME=$(getent passwd "$BENCH_USER" | cut -d: -f6 || true)
	BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
else
	BENCH_USER=$(id -un)
	BENCH_HOME=$HOME
fi
BENCH=${AUTO_SERVICE_BENCH:-$BENCH_HOME/frappe-bench}

stop_services() {
	local pidfile
	for pidfile in "$BENCH"/config/pids/auto_service-*.pid; do
		[ -f "$pidfile" ] || continue
		case "$pidfile" in *auto_service-redis-*) continue ;; esac
		kill "$(cat "$pidfile")" 2>/dev/null || true
		rm -f "$pidfile"
	done
}
if [ "${STOP_ONLY:-0}" = 1 ]; then
	stop_services
	stop_redis "$BENCH"
	log "stopped the desk, realtime, worker, scheduler and the bench's Redis"
	log "MariaDB is left running (a system service other programs may use): stop it with 'service mariadb stop'"
	exit 0
fi

# ------------------------------------------------------------------ 1. system packages
install_system_packages() {
	if [ "${SKIP_SYSTEM_PACKAGES:-0}" = 1 ]; then
		log "skipping system packages (SKIP_SYSTEM_PACKAGES=1)"
		return
	fi
	if [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
		warn "not root and no sudo: skipping system packages"
		return
	fi
	local packages=(git curl ca-certificates build-essential pkg-config python3-dev python3-venv python3-pip
		mariadb-server mariadb-client libmariadb-dev redis-server cron
		wkhtmltopdf xvfb fonts-dejavu fonts-liberation
		hunspell-ru hunspell-en-us libenchant-2-2)
	if [ "$(dpkg-query -W -f='${db:Status-Abbrev}\n' "${packages[@]}" chromium 2>/dev/null | grep -c '^ii')" = $((${#packages[@]} + 1)) ] \
		&& command -v node >/dev/null 2>&1 && command -v yarn >/dev/null 2>&1; then
		log "system packages are installed"
		return
	fi
	log "installing system packages"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
	if ! command -v node >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
	fi
	command -v yarn >/dev/null 2>&1 || $SUDO npm install -g yarn >/dev/null
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
		|| warn "chromium not installed: browser tests will be skipped"
}

resolve_python() {
	if [ -z "$PYTHON" ]; then
		PYTHON=$(command -v /usr/bin/python3.11 || command -v /usr/bin/python3 || true)
	fi
	if [ -z "$PYTHON" ] || [ ! -x "$PYTHON" ]; then
		die "no system Python 3 in /usr/bin: install python3 or set PYTHON"
	fi
	"$PYTHON" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] < (3, 13))' \
		|| die "$PYTHON is not Python 3.10-3.12, which Frappe v15 needs: set PYTHON"
}

# frappe-bench and uv in a venv of their own, linked into $CLI_BIN (/usr/local/bin as root: on every user's
# PATH, so the bench user finds them too). No pip into the system Python (PEP 668).
install_bench_cli() {
	if [ -x "$CLI_VENV/bin/bench" ] && [ -x "$CLI_VENV/bin/uv" ]; then
		:
	elif command -v bench >/dev/null 2>&1 && command -v uv >/dev/null 2>&1 \
		&& { [ "$(id -u)" != 0 ] || runuser -u "$BENCH_USER" -- bash -lc 'command -v bench && command -v uv' >/dev/null 2>&1; }; then
		return
	else
		log "installing frappe-bench and uv into $CLI_VENV (linked into $CLI_BIN)"
		$SUDO "$PYTHON" -m venv "$CLI_VENV" || die "cannot create $CLI_VENV: install python3-venv"
		$SUDO "$CLI_VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
		$SUDO "$CLI_VENV/bin/python" -m pip install --quiet --disable-pip-version-check frappe-bench uv
	fi
	$SUDO mkdir -p "$CLI_BIN"
	local tool
	for tool in bench uv uvx; do
		[ -x "$CLI_VENV/bin/$tool" ] && $SUDO ln -sfn "$CLI_VENV/bin/$tool" "$CLI_BIN/$tool"
	done
	case ":$PATH:" in *":$CLI_BIN:"*) ;; *) export PATH="$CLI_BIN:$PATH" ;; esac
}

# ------------------------------------------------------------------ 2. MariaDB
configure_mariadb() {
	local conf_dir=/etc/mysql/mariadb.conf.d
	# only the machine's own MariaDB service; a server given by AUTO_SERVICE_DB_HOST/PORT is used as it is
	if db_is_local_service && [ -d "$conf_dir" ] && ! grep -qs "utf8mb4_unicode_ci" "$conf_dir"/*.cnf \
		&& { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
		log "configuring MariaDB for Frappe (utf8mb4, loopback)"
		$SUDO tee "$conf_dir/99-auto-service.cnf" >/dev/null <<'CNF'
[mysqld]
bind-address = 127.0.0.1
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
CNF
		$SUDO service mariadb restart >/dev/null 2>&1 || true
	fi
	start_mariadb
	# over TCP: a socket login as root would succeed whatever the password
	if mysql_root_tcp -e "select 1" >/dev/null 2>&1; then
		return
	fi
	log "setting the MariaDB root password (root keeps its socket login)"
	local socket=()
	[ -n "$DB_SOCKET" ] && socket=(--socket="$DB_SOCKET")
	# unix_socket OR password: Debian's init script and `service mariadb stop` log in as root by socket
	$SUDO mysql "${socket[@]}" -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;" \
		|| die "cannot set the MariaDB root password: set DB_ROOT_PASSWORD to the current one"
	mysql_root_tcp -e "select 1" >/dev/null 2>&1 \
		|| die "root still cannot log in over TCP on $DB_HOST:$DB_PORT with DB_ROOT_PASSWORD"
}

# ------------------------------------------------------------------ 3. bench
ensure_bench_user() {
	if [ "$(id -u)" = 0 ] && ! id "$BENCH_USER" >/dev/null 2>&1; then
		log "creating user $BENCH_USER for the bench"
		useradd -m -s /bin/bash "$BENCH_USER"
	fi
	# the bench user must be able to run bench and uv
	if [ "$(id -u)" = 0 ]; then
		chmod o+rx "$BENCH_HOME"
	fi
}

bench_as_user() {
	# run in the bench's parent folder before the bench exists
	local dir=$1
	shift
	if [ "$(id -u)" = 0 ]; then
		(cd "$dir" && runuser -u "$BENCH_USER" -- env HOME="$BENCH_HOME" PATH="$PATH" "$@")
	else
		(cd "$dir" && "$@")
	fi
}

# A bench that `bench init` finished: frappe importable, its node modules and apps.txt written.
bench_is_whole() {
	[ -x "$BENCH/env/bin/python" ] && "$BENCH/env/bin/python" -c "import frappe" >/dev/null 2>&1 \
		&& [ -d "$BENCH/apps/frappe/node_modules" ] && grep -qx frappe "$BENCH/sites/apps.txt" 2>/dev/null \
		&& [ -f "$BENCH/config/redis_queue.conf" ]
}

ensure_bench() {
	if [ -d "$BENCH" ] && ! bench_is_whole; then
		# a failed `bench init` leaves a folder that is no bench; with no site in it nothing is lost
		if compgen -G "$BENCH/sites/*/site_config.json" >/dev/null; then
			die "$BENCH is an incomplete bench with sites in it: move it away (mv $BENCH $BENCH.broken) and rerun"
		fi
		warn "$BENCH is a half-made bench without sites (a failed bench init?): removing it to make it again"
		rm -rf "${BENCH:?}"
	fi
	if bench_is_whole; then
		log "reusing the bench at $BENCH"
	else
		log "creating a bench at $BENCH (frappe $FRAPPE_BRANCH from $FRAPPE_REPO)"
		# a parent folder it makes is the bench user's; an existing one (e.g. /srv) is never chowned
		if [ ! -d "$(dirname "$BENCH")" ]; then
			mkdir -p "$(dirname "$BENCH")"
			[ "$(id -u)" = 0 ] && chown "$BENCH_USER" "$(dirname "$BENCH")"
		fi
		runuser -u "$BENCH_USER" -- test -w "$(dirname "$BENCH")" 2>/dev/null || [ "$(id -u)" != 0 ] \
			|| die "$BENCH_USER cannot write $(dirname "$BENCH"): choose AUTO_SERVICE_BENCH in a folder it owns"
		local extra=()
		command -v crontab >/dev/null 2>&1 || extra+=(--no-backups)
		# assets are built later, once the bench's Redis runs
		bench_as_user "$(dirname "$BENCH")" bench init --frappe-path "$FRAPPE_REPO" \
			--frappe-branch "$FRAPPE_BRANCH" --python "$PYTHON" --skip-assets "${extra[@]}" "$(basename "$BENCH")"
		# dropbox (a frappe dependency) imports pkg_resources, gone from setuptools 81
		as_bench_user "$BENCH" uv pip install --quiet --python env/bin/python "setuptools<81"
	fi
	if [ "$(id -u)" = 0 ]; then
		as_bench_user "$BENCH" bench set-config -g frappe_user "$BENCH_USER" >/dev/null 2>&1 || true
	fi
	configure_ports
	start_redis "$BENCH"
	if [ -d "$BENCH/apps/erpnext" ] && ! { grep -qx erpnext "$BENCH/sites/apps.txt" \
		&& "$BENCH/env/bin/python" -c "import erpnext" >/dev/null 2>&1; }; then
		warn "$BENCH/apps/erpnext is half-installed (a failed get-app?): getting it again"
		rm -rf "${BENCH:?}/apps/erpnext"
	fi
	if [ ! -d "$BENCH/apps/erpnext" ]; then
		log "getting ERPNext $ERPNEXT_BRANCH from $ERPNEXT_REPO"
		as_bench_user "$BENCH" bench get-app --skip-assets --branch "$ERPNEXT_BRANCH" "$ERPNEXT_REPO"
	fi
	as_bench_user "$BENCH" bench set-config -g developer_mode 1 --parse >/dev/null
	as_bench_user "$BENCH" bench set-config -g webserver_port "$PORT" --parse >/dev/null
	if ! db_is_local_service; then
		as_bench_user "$BENCH" bench set-config -g db_host "$DB_HOST" >/dev/null
		as_bench_user "$BENCH" bench set-config -g db_port "$DB_PORT" --parse >/dev/null
	fi
}

# Ports of the bench's Redis servers and realtime server, when they must differ from what bench init chose
# (bench only avoids the ports of benches in the same parent folder). Rewrites config/redis_*.conf.
configure_ports() {
	local changed=0 current
	current_conf() {
		"$BENCH/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
			"$BENCH/sites/common_site_config.json" "$1"
	}
	if [ -n "${AUTO_SERVICE_REDIS_CACHE_PORT:-}" ]; then
		current=$(current_conf redis_cache)
		if [ "$current" != "redis://127.0.0.1:$AUTO_SERVICE_REDIS_CACHE_PORT" ]; then
			as_bench_user "$BENCH" bench set-config -g redis_cache "redis://127.0.0.1:$AUTO_SERVICE_REDIS_CACHE_PORT" >/dev/null
			as_bench_user "$BENCH" bench set-config -g redis_socketio "redis://127.0.0.1:$AUTO_SERVICE_REDIS_CACHE_PORT" >/dev/null
			changed=1
		fi
	fi
	if [ -n "${AUTO_SERVICE_REDIS_QUEUE_PORT:-}" ]; then
		current=$(current_conf redis_queue)
		if [ "$current" != "redis://127.0.0.1:$AUTO_SERVICE_REDIS_QUEUE_PORT" ]; then
			as_bench_user "$BENCH" bench set-config -g redis_queue "redis://127.0.0.1:$AUTO_SERVICE_REDIS_QUEUE_PORT" >/dev/null
			changed=1
		fi
	fi
	if [ -n "${AUTO_SERVICE_SOCKETIO_PORT:-}" ] && [ "$(current_conf socketio_port)" != "$AUTO_SERVICE_SOCKETIO_PORT" ]; then
		as_bench_user "$BENCH" bench set-config -g socketio_port "$AUTO_SERVICE_SOCKETIO_PORT" --parse >/dev/null
	fi
	if [ "$changed" = 1 ]; then
		log "Redis ports set (cache ${AUTO_SERVICE_REDIS_CACHE_PORT:-as is}, queue ${AUTO_SERVICE_REDIS_QUEUE_PORT:-as is})"
		as_bench_user "$BENCH" bench setup redis >/dev/null
	fi
}

# ------------------------------------------------------------------ 4-6. sites
# a value from a site's site_config.json ("" when missing)
site_conf() {
	"$BENCH/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' \
		"$BENCH/sites/$1/site_config.json" "$2" 2>/dev/null || true
}

# Is the site whole: its database user logs in, frappe's tables are there, ERPNext is installed?
# Prints why not. A site folder left by a failed `bench new-site` fails this.
site_is_whole() {
	local site=$1 db_name db_user db_password
	[ -f "$BENCH/sites/$site/site_config.json" ] || { echo "no site_config.json"; return 1; }
	db_name=$(site_conf "$site" db_name)
	db_user=$(site_conf "$site" db_user)
	db_user=${db_user:-$db_name}
	db_password=$(site_conf "$site" db_password)
	if [ -z "$db_name" ] || [ -z "$db_password" ]; then
		echo "site_config.json has no db_name/db_password"
		return 1
	fi
	local sql="select count(*) from information_schema.tables where table_schema = '$db_name' and table_name in ('tabDefaultValue', 'tabInstalled Application')"
	if ! MYSQL_PWD=$db_password mysql --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u"$db_user" "$db_name" -e "select 1" >/dev/null 2>&1; then
		# the database user cannot log in: missing database (half-made) or a wrong password (not ours to fix)
		if [ "$(mysql_root_tcp -N -e "$sql")" = 2 ]; then
			die "site $site: its database $db_name exists with frappe's tables, but user $db_user cannot log in with the password in sites/$site/site_config.json. Fix the password (or remove the site with: bench drop-site $site) and rerun"
		fi
		echo "database user $db_user cannot log in to $db_name"
		return 1
	fi
	[ "$(mysql_root_tcp -N -e "$sql")" = 2 ] || { echo "database $db_name lacks frappe's tables"; return 1; }
	[ "$(mysql_root_tcp -N -e "select count(*) from \`$db_name\`.\`tabInstalled Application\` where app_name = 'erpnext'")" -ge 1 ] \
		|| { echo "ERPNext is not installed in $db_name"; return 1; }
}

# A half-made site (its folder, a missing or incomplete database): drop its database and user, remove it.
remove_half_made_site() {
	local site=$1 db_name db_user
	db_name=$(site_conf "$site" db_name)
	db_user=$(site_conf "$site" db_user)
	db_user=${db_user:-$db_name}
	if [ -n "$db_name" ]; then
		mysql_root_tcp -e "DROP DATABASE IF EXISTS \`$db_name\`; DROP USER IF EXISTS '$db_user'@'localhost'; DROP USER IF EXISTS '$db_user'@'%'; FLUSH PRIVILEGES;" \
			|| die "cannot drop the half-made database $db_name of $site: drop it by hand, remove $BENCH/sites/$site and rerun"
	fi
	rm -rf "${BENCH:?}/sites/$site"
}

# What the sites were last set up with: every file of the bench's apps (path, size, time) and the env's
# packages. Unchanged since a site's last setup, a rerun leaves the site alone (no migrate, no wizard).
code_fingerprint() {
	local dirs=() app
	while read -r app; do
		[ -n "$app" ] && [ -e "$BENCH/apps/$app" ] && dirs+=("$(readlink -f "$BENCH/apps/$app")")
	done <"$BENCH/sites/apps.txt"
	{
		find "${dirs[@]}" \( -name node_modules -o -name .git -o -name __pycache__ -o -name dist \
			-o -name '*.egg-info' -o -name artifacts -o -name .venv -o -name .pytest_cache -o -name .hypothesis \
			-o -name .ruff_cache \) -prune -o -type f -printf '%p %s %T@\n' | sort
		ls "$BENCH"/env/lib/python3*/site-packages
	} | sha1sum | cut -d' ' -f1
}

# The app is installed on the site (an SQL look, no bench process)
site_has_app_sql() {
	local db_name
	db_name=$(site_conf "$1" db_name)
	[ -n "$db_name" ] && [ "$(mysql_root_tcp -N -e "select count(*) from \`$db_name\`.\`tabInstalled Application\` where app_name = 'auto_service'" 2>/dev/null)" = 1 ]
}

# Sets SITE_CHANGED=1 when it (re)made or migrated the site, 0 when the site was up to date.
ensure_site() {
	local site=$1 company=$2 abbr=$3 why
	local stamp="$BENCH/config/auto_service-setup-$site.sha1"
	SITE_CHANGED=1
	if [ -d "$BENCH/sites/$site" ] && ! why=$(site_is_whole "$site"); then
		warn "site $site is half-made ($why): dropping its database and folder to make it again"
		remove_half_made_site "$site"
	fi
	if [ ! -d "$BENCH/sites/$site" ]; then
		log "creating site $site with ERPNext"
		local db_opts=()
		db_is_local_service || db_opts=(--db-host "$DB_HOST" --db-port "$DB_PORT")
		as_bench_user "$BENCH" bench new-site "$site" --admin-password "$ADMIN_PASSWORD" "${db_opts[@]}" \
			--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" --install-app erpnext
	fi
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$FINGERPRINT" ] && site_has_app_sql "$site"; then
		log "site $site is up to date (no app changed since its last setup)"
		SITE_CHANGED=0
		return
	fi
	rm -f "$stamp"
	if site_has_app "$BENCH" "$site"; then
		as_bench_user "$BENCH" bench --site "$site" migrate
	else
		as_bench_user "$BENCH" bench --site "$site" install-app auto_service
	fi
	log "setup wizard on $site ($company)"
	as_bench_user "$BENCH" bench --site "$site" execute auto_service.setup.wizard.complete_setup_wizard \
		--kwargs "{\"company_name\": \"$company\", \"abbr\": \"$abbr\"}"
	# the settings take the company, warehouse, price list and VAT template the wizard made
	as_bench_user "$BENCH" bench --site "$site" execute auto_service.setup.install.make_default_settings
	echo "$FINGERPRINT" >"$stamp"
}

# the processes start_services started are all alive and the desk answers
services_running() {
	local name pid
	for name in web realtime worker schedule; do
		pid=$(cat "$BENCH/config/pids/auto_service-$name.pid" 2>/dev/null) || return 1
		kill -0 "$pid" 2>/dev/null || return 1
	done
	curl -fs "http://127.0.0.1:$PORT/api/method/ping" >/dev/null 2>&1
}

start_services() {
	stop_services
	mkdir -p "$BENCH/config/pids" "$BENCH/logs"
	log "starting the desk on http://127.0.0.1:$PORT (gunicorn), realtime, a worker and the scheduler"
	local pid
	pid=$(serve_site "$BENCH" "$SITE" "$PORT" "$BENCH/logs/auto_service-web.log" dev) \
		|| die "the desk did not start: see $BENCH/logs/auto_service-web.log"
	echo "$pid" >"$BENCH/config/pids/auto_service-web.pid"
	# frappe's realtime server binds every interface: the preload keeps it on loopback
	as_bench_user "$BENCH" bash -c "
		nohup node -r '$BENCH/apps/auto_service/scripts/lib/listen_loopback.js' apps/frappe/socketio.js \
			>>logs/auto_service-realtime.log 2>&1 & echo \$! > config/pids/auto_service-realtime.pid
		nohup bench worker >>logs/auto_service-worker.log 2>&1 & echo \$! > config/pids/auto_service-worker.pid
		nohup bench schedule >>logs/auto_service-schedule.log 2>&1 & echo \$! > config/pids/auto_service-schedule.pid
	"
}

main() {
	install_system_packages
	resolve_python
	ensure_bench_user
	install_bench_cli
	configure_mariadb
	ensure_bench
	start_redis "$BENCH"
	link_app "$BENCH"
	[ "$(id -u)" = 0 ] && chown -R "$BENCH_USER" "$BENCH/sites/apps.txt"
	FINGERPRINT=$(code_fingerprint)
	local changed=0
	ensure_site "$SITE" "Автосервис Демо" "АСД"
	if [ "$SITE_CHANGED" = 1 ]; then
		changed=1
		as_bench_user "$BENCH" bench --site "$SITE" set-config developer_mode 1 --parse >/dev/null
		as_bench_user "$BENCH" bench --site "$SITE" scheduler enable >/dev/null
		as_bench_user "$BENCH" bench use "$SITE" >/dev/null
		if [ "$DEMO" = 1 ]; then
			log "loading demo data into $SITE"
			as_bench_user "$BENCH" bench --site "$SITE" execute auto_service.demo.load_demo_data
		fi
	fi
	ensure_site "$TEST_SITE" "Автосервис Тест" "АСТ"
	if [ "$SITE_CHANGED" = 1 ]; then
		changed=1
		as_bench_user "$BENCH" bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
		# tests must never write DocType files back into the apps
		as_bench_user "$BENCH" bench --site "$TEST_SITE" set-config developer_mode 0 --parse >/dev/null
	fi
	local build_stamp="$BENCH/config/auto_service-build.sha1"
	if [ -f "$BENCH/sites/assets/assets.json" ] && [ -d "$BENCH/sites/assets/erpnext" ]; then
		if [ -f "$build_stamp" ] && [ "$(cat "$build_stamp")" = "$FINGERPRINT" ] \
			&& [ "$(readlink -f "$BENCH/sites/assets/auto_service")" = "$(readlink -f "$BENCH/apps/auto_service/auto_service/public")" ]; then
			log "assets are up to date"
		else
			log "building the app's assets"
			as_bench_user "$BENCH" bench build --app auto_service
			changed=1
		fi
	else
		log "building assets (all apps: the bench is new)"
		as_bench_user "$BENCH" bench build
		changed=1
	fi
	echo "$FINGERPRINT" >"$build_stamp"
	if [ "$START" = 1 ] && [ "$changed" = 0 ] && services_running; then
		log "the desk, realtime, worker and scheduler are running and nothing changed: left as they are"
		log "ready: http://127.0.0.1:$PORT/app/auto-service — log in as Administrator / $ADMIN_PASSWORD"
	elif [ "$START" = 1 ]; then
		start_services
		log "ready: http://127.0.0.1:$PORT/app/auto-service — log in as Administrator / $ADMIN_PASSWORD"
		log "stop with: bash scripts/setup.sh --stop"
	else
		log "set up; start later with: bash scripts/setup.sh"
	fi
}

main
