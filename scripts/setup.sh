#!/usr/bin/env bash
# Sets up auto_service from nothing — system packages, a Frappe v15 + ERPNext v15 bench, a site with this
# app and demo data — and starts it on http://127.0.0.1:$AUTO_SERVICE_PORT. Reuses a bench it finds.
# See README.md for the variables; options: --no-start, --no-demo, --stop.
set -euo pipefail
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
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

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
		kill "$(cat "$pidfile")" 2>/dev/null || true
		rm -f "$pidfile"
	done
}
if [ "${STOP_ONLY:-0}" = 1 ]; then
	stop_services
	log "stopped"
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
	log "installing system packages"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		git curl ca-certificates build-essential pkg-config python3-dev python3-venv python3-pip \
		mariadb-server mariadb-client libmariadb-dev redis-server cron \
		wkhtmltopdf xvfb fonts-dejavu fonts-liberation >/dev/null
	if ! command -v node >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
	fi
	command -v yarn >/dev/null 2>&1 || $SUDO npm install -g yarn >/dev/null
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
		|| warn "chromium not installed: browser tests will be skipped"
}

install_bench_cli() {
	if command -v bench >/dev/null 2>&1 && command -v uv >/dev/null 2>&1; then
		return
	fi
	log "installing frappe-bench and uv"
	if [ "$(id -u)" = 0 ]; then
		"$PYTHON" -m pip install --quiet frappe-bench uv
	else
		"$PYTHON" -m pip install --quiet --user frappe-bench uv
		export PATH="$HOME/.local/bin:$PATH"
	fi
}

# ------------------------------------------------------------------ 2. MariaDB
configure_mariadb() {
	local conf_dir=/etc/mysql/mariadb.conf.d
	if [ -d "$conf_dir" ] && ! grep -qs "utf8mb4_unicode_ci" "$conf_dir"/*.cnf && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
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
	if mysql -uroot -p"$DB_ROOT_PASSWORD" -e "select 1" >/dev/null 2>&1; then
		return
	fi
	log "setting the MariaDB root password"
	$SUDO mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;" \
		|| die "cannot set the MariaDB root password: set DB_ROOT_PASSWORD to the current one"
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

ensure_bench() {
	if [ -d "$BENCH/apps/frappe" ] && [ -x "$BENCH/env/bin/python" ]; then
		log "reusing the bench at $BENCH"
	else
		log "creating a bench at $BENCH (frappe $FRAPPE_BRANCH from $FRAPPE_REPO)"
		mkdir -p "$(dirname "$BENCH")"
		[ "$(id -u)" = 0 ] && chown "$BENCH_USER" "$(dirname "$BENCH")"
		local extra=()
		command -v crontab >/dev/null 2>&1 || extra+=(--no-backups)
		bench_as_user "$(dirname "$BENCH")" bench init --frappe-path "$FRAPPE_REPO" \
			--frappe-branch "$FRAPPE_BRANCH" --python "$PYTHON" "${extra[@]}" "$(basename "$BENCH")"
		# dropbox (a frappe dependency) imports pkg_resources, gone from setuptools 81
		as_bench_user "$BENCH" uv pip install --quiet --python env/bin/python "setuptools<81"
	fi
	if [ "$(id -u)" = 0 ]; then
		as_bench_user "$BENCH" bench set-config -g frappe_user "$BENCH_USER" >/dev/null 2>&1 || true
	fi
	if [ ! -d "$BENCH/apps/erpnext" ]; then
		log "getting ERPNext $ERPNEXT_BRANCH from $ERPNEXT_REPO"
		as_bench_user "$BENCH" bench get-app --branch "$ERPNEXT_BRANCH" "$ERPNEXT_REPO"
	fi
	as_bench_user "$BENCH" bench set-config -g developer_mode 1 >/dev/null
	as_bench_user "$BENCH" bench set-config -g webserver_port "$PORT" >/dev/null
}

# ------------------------------------------------------------------ 4-6. sites
ensure_site() {
	local site=$1 company=$2 abbr=$3
	if [ ! -d "$BENCH/sites/$site" ]; then
		log "creating site $site with ERPNext"
		as_bench_user "$BENCH" bench new-site "$site" --admin-password "$ADMIN_PASSWORD" \
			--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" --install-app erpnext
	fi
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
	install_bench_cli
	configure_mariadb
	ensure_bench_user
	ensure_bench
	start_redis "$BENCH"
	link_app "$BENCH"
	[ "$(id -u)" = 0 ] && chown -R "$BENCH_USER" "$BENCH/sites/apps.txt"
	ensure_site "$SITE" "Автосервис Демо" "АСД"
	as_bench_user "$BENCH" bench --site "$SITE" set-config developer_mode 1 >/dev/null
	as_bench_user "$BENCH" bench --site "$SITE" scheduler enable >/dev/null
	as_bench_user "$BENCH" bench use "$SITE" >/dev/null
	if [ "$DEMO" = 1 ]; then
		log "loading demo data into $SITE"
		as_bench_user "$BENCH" bench --site "$SITE" execute auto_service.demo.load_demo_data
	fi
	ensure_site "$TEST_SITE" "Автосервис Тест" "АСТ"
	as_bench_user "$BENCH" bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
	# tests must never write DocType files back into the apps
	as_bench_user "$BENCH" bench --site "$TEST_SITE" set-config developer_mode 0 --parse >/dev/null
	log "building assets"
	as_bench_user "$BENCH" bench build --app auto_service
	if [ "$START" = 1 ]; then
		start_services
		log "ready: http://127.0.0.1:$PORT/app/auto-service — log in as Administrator / $ADMIN_PASSWORD"
		log "stop with: bash scripts/setup.sh --stop"
	else
		log "set up; start later with: bash scripts/setup.sh"
	fi
}

main
