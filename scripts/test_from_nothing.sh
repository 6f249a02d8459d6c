#!/usr/bin/env bash
# Proves that scripts/setup.sh sets auto_service up from nothing, without touching the machine's own bench
# or database: a fresh bench user, a fresh bench folder in its home, and a fresh MariaDB data directory
# served by a second mariadbd on its own port and socket. Then it checks that
#   - the desk answers on its port and Administrator can log in (POST /api/method/login),
#   - frappe, erpnext and auto_service are installed on both sites,
#   - a second run of setup.sh is a no-op (no site made again) and finishes fast,
# and removes everything it made (its mariadbd, the temp folder, the user and the bench in its home).
# It runs a fresh clone of this checkout's HEAD (the committed state, as CI does), so the bench it makes
# never links or builds into this working tree.
# Run as root (it makes a user). Slow (a whole bench: ~15-25 minutes on 2 cores), so it is not part of CI.
#
#   sudo bash scripts/test_from_nothing.sh
#
# Sources come from the same variables as setup.sh (FRAPPE_REPO, FRAPPE_BRANCH, ERPNEXT_REPO, ...).
# Its own knobs: TFN_KEEP=1 (keep everything for a look afterwards), TFN_WORKDIR (parent of the temp folder,
# default /tmp), TFN_USER (default asfn<5 random digits>), TFN_RERUN_MAX_SECONDS (default 300).
# shellcheck disable=SC2317  # cleanup and the check functions run indirectly (trap, check)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

[ "$(id -u)" = 0 ] || die "run as root: it makes (and removes) a user and a MariaDB server"
command -v mariadb-install-db >/dev/null 2>&1 || die "no mariadb-install-db: run scripts/setup.sh once (it installs MariaDB)"

free_tcp_port() {
	# a port nothing listens on, outside the usual bench ranges
	local port
	while :; do
		port=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
	done
}

TFN_USER=${TFN_USER:-asfn$((RANDOM % 90000 + 10000))}
id "$TFN_USER" >/dev/null 2>&1 && die "user $TFN_USER exists already: choose another TFN_USER"
WORK=$(mktemp -d "${TFN_WORKDIR:-/tmp}/auto_service-from-nothing.XXXXXX")
chmod 755 "$WORK"
DATADIR=$WORK/mysql
RUNDIR=$WORK/mysqld # socket, pid and log: mariadbd (user mysql) writes them
SOCKET=$RUNDIR/mysqld.sock
DB_PORT_FN=$(free_tcp_port)
WEB_PORT=$(free_tcp_port)
SOCKETIO_PORT=$(free_tcp_port)
REDIS_CACHE_PORT=$(free_tcp_port)
REDIS_QUEUE_PORT=$(free_tcp_port)
BENCH_FN=/home/$TFN_USER/frappe-bench
MYSQLD_PID=""
REPORT=$WORK/report.txt
SRC=$WORK/auto_service
SETUP=$SRC/scripts/setup.sh

cleanup() {
	local rc=$?
	if [ "${TFN_KEEP:-0}" = 1 ]; then
		log "TFN_KEEP=1: kept $WORK, user $TFN_USER, mariadbd on port $DB_PORT_FN (pid $MYSQLD_PID)"
		exit "$rc"
	fi
	log "cleaning up"
	if [ -d "$BENCH_FN" ]; then
		AUTO_SERVICE_BENCH=$BENCH_FN AUTO_SERVICE_BENCH_USER=$TFN_USER \
			bash "$SETUP" --stop >/dev/null 2>&1 || true
	fi
	# whatever else still runs as the throwaway user (e.g. gunicorn workers), by pid
	local pid
	for pid in $(pgrep -u "$TFN_USER" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
	sleep 1
	for pid in $(pgrep -u "$TFN_USER" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
	if [ -n "$MYSQLD_PID" ] && kill -0 "$MYSQLD_PID" 2>/dev/null; then
		kill "$MYSQLD_PID" 2>/dev/null || true
		for _ in $(seq 1 60); do kill -0 "$MYSQLD_PID" 2>/dev/null || break; sleep 0.5; done
	fi
	if id "$TFN_USER" >/dev/null 2>&1; then userdel -r "$TFN_USER" >/dev/null 2>&1 || true; fi
	[ -f "$REPORT" ] && cat "$REPORT"
	if [ "$rc" != 0 ]; then
		# the logs outlive the run when it failed
		local keep=${TFN_WORKDIR:-/tmp}/auto_service-from-nothing-logs
		rm -rf "$keep"
		mkdir -p "$keep"
		cp "$WORK"/*.log "$RUNDIR"/*.err "$REPORT" "$keep"/ 2>/dev/null || true
		log "logs kept in $keep"
	fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "$*" | tee -a "$REPORT"; }
# resident memory of what this test runs: the bench user's processes and its mariadbd (other load on the
# machine does not count)
rss_mb() { { ps -o rss= -u "$TFN_USER" 2>/dev/null; ps -o rss= -p "$MYSQLD_PID" 2>/dev/null; } | awk '{s += $1} END {print int(s / 1024)}'; }

git clone -q "$AS_ROOT_DIR" "$SRC" || die "cannot clone $AS_ROOT_DIR"
log "testing $(git -C "$SRC" log --oneline -1 | cut -c1-80)"

# ---------------------------------------------------------------- a fresh MariaDB data directory
log "a fresh MariaDB in $DATADIR on 127.0.0.1:$DB_PORT_FN"
mkdir -p "$DATADIR" "$RUNDIR"
chown mysql:mysql "$DATADIR" "$RUNDIR"
mariadb-install-db --no-defaults --user=mysql --datadir="$DATADIR" >"$WORK/install-db.log" 2>&1 \
	|| { cat "$WORK/install-db.log"; die "mariadb-install-db failed"; }
mariadbd --no-defaults --user=mysql --datadir="$DATADIR" --socket="$SOCKET" --port="$DB_PORT_FN" \
	--bind-address=127.0.0.1 --pid-file="$RUNDIR/mysqld.pid" --log-error="$RUNDIR/mysqld.err" \
	--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --character-set-client-handshake=FALSE \
	--innodb-buffer-pool-size=256M --skip-log-bin &
MYSQLD_PID=$!
for _ in $(seq 1 60); do
	mysqladmin --protocol=tcp -h 127.0.0.1 -P "$DB_PORT_FN" ping >/dev/null 2>&1 && break
	sleep 1
done
mysqladmin --protocol=tcp -h 127.0.0.1 -P "$DB_PORT_FN" ping >/dev/null 2>&1 || { cat "$RUNDIR/mysqld.err"; die "mariadbd did not start"; }

# ---------------------------------------------------------------- setup.sh, from nothing
export AUTO_SERVICE_BENCH_USER=$TFN_USER AUTO_SERVICE_BENCH=$BENCH_FN
export AUTO_SERVICE_DB_HOST=127.0.0.1 AUTO_SERVICE_DB_PORT=$DB_PORT_FN AUTO_SERVICE_DB_SOCKET=$SOCKET
export AUTO_SERVICE_PORT=$WEB_PORT AUTO_SERVICE_SOCKETIO_PORT=$SOCKETIO_PORT
export AUTO_SERVICE_REDIS_CACHE_PORT=$REDIS_CACHE_PORT AUTO_SERVICE_REDIS_QUEUE_PORT=$REDIS_QUEUE_PORT
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
export ADMIN_PASSWORD

say "from nothing: user $TFN_USER, bench $BENCH_FN, MariaDB 127.0.0.1:$DB_PORT_FN, desk 127.0.0.1:$WEB_PORT,"
say "  realtime $SOCKETIO_PORT, Redis cache $REDIS_CACHE_PORT / queue $REDIS_QUEUE_PORT"
disk_before=$(df -Pm / | awk 'NR==2{print $3}')
start=$(date +%s)
log "first run of setup.sh (log: $WORK/setup-1.log)"
if ! bash "$SETUP" >"$WORK/setup-1.log" 2>&1; then
	tail -n 60 "$WORK/setup-1.log"
	die "setup.sh failed from nothing (log above)"
fi
first=$(($(date +%s) - start))
say "first run: ${first}s"
say "disk: bench $(du -sm "$BENCH_FN" | cut -f1) MB, MariaDB data $(du -sm "$DATADIR" | cut -f1) MB, / grew by $(($(df -Pm / | awk 'NR==2{print $3}') - disk_before)) MB"
say "RAM: $(rss_mb) MB resident in the bench user's processes (desk, realtime, worker, scheduler, Redis) and mariadbd"

# ---------------------------------------------------------------- checks
fail=0
check() {
	local what=$1
	shift
	if "$@"; then say "ok:   $what"; else say "FAIL: $what"; fail=1; fi
}
desk_answers() { curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/api/method/ping"; }
admin_logs_in() {
	curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
		-d "{\"usr\": \"Administrator\", \"pwd\": \"$ADMIN_PASSWORD\"}" \
		"http://127.0.0.1:$WEB_PORT/api/method/login" | grep -q '"Logged In"' \
		&& curl -fsS -b "$WORK/cookies" "http://127.0.0.1:$WEB_PORT/api/method/frappe.auth.get_logged_user" \
			| grep -q '"Administrator"'
}
apps_on() {
	local apps
	apps=$(as_bench_user "$BENCH_FN" bench --site "$1" list-apps 2>/dev/null)
	grep -q '^frappe' <<<"$apps" && grep -q '^erpnext' <<<"$apps" && grep -q '^auto_service' <<<"$apps"
}
site_dbs() { MYSQL_PWD=${DB_ROOT_PASSWORD:-admin} mysql --protocol=tcp -h 127.0.0.1 -P "$DB_PORT_FN" -uroot -N \
	-e "select schema_name, create_time from information_schema.schemata s join (select table_schema, min(create_time) create_time from information_schema.tables where table_name = 'tabDefaultValue' group by table_schema) t on t.table_schema = s.schema_name order by 1"; }

check "the desk answers on 127.0.0.1:$WEB_PORT" desk_answers
check "Administrator logs in (POST /api/method/login)" admin_logs_in
check "frappe, erpnext, auto_service on ${AUTO_SERVICE_SITE:-auto.localhost}" apps_on "${AUTO_SERVICE_SITE:-auto.localhost}"
check "frappe, erpnext, auto_service on ${AUTO_SERVICE_TEST_SITE:-test.localhost}" apps_on "${AUTO_SERVICE_TEST_SITE:-test.localhost}"

dbs_before=$(site_dbs)
start=$(date +%s)
log "second run of setup.sh (log: $WORK/setup-2.log)"
if bash "$SETUP" >"$WORK/setup-2.log" 2>&1; then
	second=$(($(date +%s) - start))
	say "second run: ${second}s"
	check "the second run made nothing again (same site databases)" test "$dbs_before" = "$(site_dbs)"
	check "the second run neither made a bench nor a site" \
		bash -c "! grep -Eq 'creating (a bench|site)|half-made' '$WORK/setup-2.log'"
	check "the second run took at most ${TFN_RERUN_MAX_SECONDS:-300}s" test "$second" -le "${TFN_RERUN_MAX_SECONDS:-300}"
	check "the desk answers after the second run" desk_answers
else
	tail -n 40 "$WORK/setup-2.log"
	say "FAIL: the second run of setup.sh failed"
	fail=1
fi

if [ "$fail" = 0 ]; then say "from nothing: all checks passed"; else say "from nothing: some checks FAILED"; fi
exit "$fail"
