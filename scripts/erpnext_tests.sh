#!/usr/bin/env bash
# ERPNext's own test suites for the flows auto_service hooks into, run with the app installed on an English
# site primed the way ERPNext's CI primes one (.github/helper/install.sh + site_config_mariadb.json of
# ERPNext: apps payments + erpnext, `before_tests` (setup wizard: "Wind Power LLC", USD, English), the global
# test records User/Company/Item, then each DocType's test records as `bench run-tests --doctype` makes them).
#
#   bash scripts/erpnext_tests.sh              # with auto_service, on erpnext-test.localhost
#   bash scripts/erpnext_tests.sh --reference  # the same without auto_service, on erpnext-ref.localhost
#   bash scripts/erpnext_tests.sh --fresh      # rebuild the primed site from nothing first
#
# The site is made when missing (several minutes) and reused afterwards: the primed state is kept as a
# database snapshot in the site folder and restored before every run, so each run starts where ERPNext's CI
# starts (a fresh site), whatever earlier runs left. When the app's schema (DocType JSON, hooks, setup code)
# changes, the snapshot is migrated and saved again.
#
# A failure is the app's fault unless the same test fails without the app: those are listed, with why, in
# scripts/erpnext_known_failures.txt (made from a --reference run) and reported but not counted as failed.
#
# Environment: AUTO_SERVICE_ERPNEXT_SITE (erpnext-test.localhost), AUTO_SERVICE_ERPNEXT_REF_SITE
# (erpnext-ref.localhost), AUTO_SERVICE_ERPNEXT_FULL=1 (also Sales Invoice: ~114 more tests),
# AUTO_SERVICE_ERPNEXT_DOCTYPES (the DocTypes to test, comma-separated: "Customer,Payment Entry"),
# PAYMENTS_REPO / PAYMENTS_BRANCH (https://github.com/frappe/payments, version-15: got only when the bench
# lacks apps/payments), DB_ROOT_PASSWORD (admin), ADMIN_PASSWORD (admin), AUTO_SERVICE_ARTIFACTS.
# Last line of output: "erpnext-suite: <passed> passed, <failed> failed, <known> known upstream failures".
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

REFERENCE=0
FRESH=0
for arg in "$@"; do
	case "$arg" in
	--reference) REFERENCE=1 ;;
	--fresh) FRESH=1 ;;
	*) die "unknown option $arg" ;;
	esac
done

PAYMENTS_REPO=${PAYMENTS_REPO:-https://github.com/frappe/payments}
PAYMENTS_BRANCH=${PAYMENTS_BRANCH:-version-15}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
ARTIFACTS=${AUTO_SERVICE_ARTIFACTS:-$AS_ROOT_DIR/artifacts}
KNOWN_FAILURES=$AS_ROOT_DIR/scripts/erpnext_known_failures.txt
if [ "$REFERENCE" = 1 ]; then
	SITE=${AUTO_SERVICE_ERPNEXT_REF_SITE:-erpnext-ref.localhost}
	TAG=erpnext-ref
else
	SITE=${AUTO_SERVICE_ERPNEXT_SITE:-erpnext-test.localhost}
	TAG=erpnext
fi
DOCTYPES=("Customer" "Contact" "Lead" "Employee" "Payment Entry" "Payment Reconciliation")
[ "${AUTO_SERVICE_ERPNEXT_FULL:-0}" = 1 ] && DOCTYPES+=("Sales Invoice")
if [ -n "${AUTO_SERVICE_ERPNEXT_DOCTYPES:-}" ]; then
	IFS=',' read -r -a DOCTYPES <<<"$AUTO_SERVICE_ERPNEXT_DOCTYPES"
fi
mkdir -p "$ARTIFACTS"

BENCH=$(find_bench) || die "no bench found (set AUTO_SERVICE_BENCH or run scripts/setup.sh)"
SITE_DIR=$BENCH/sites/$SITE
SNAPSHOT=$SITE_DIR/auto_service-primed.sql.gz
SNAPSHOT_STAMP=$SITE_DIR/auto_service-primed.stamp

bench_site() { as_bench_user "$BENCH" bench --site "$SITE" "$@"; }

site_conf() {
	"$BENCH/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' \
		"$SITE_DIR/site_config.json" "$1" 2>/dev/null || true
}

# mysql/mysqldump as the site's own database user (all rights on its database, nothing else)
site_db() {
	local tool=$1
	shift
	local db_host db_port
	db_host=$(site_conf db_host)
	db_port=$(site_conf db_port)
	local db_user
	db_user=$(site_conf db_user)
	MYSQL_PWD=$(site_conf db_password) "$tool" --protocol=tcp -h "${db_host:-${AUTO_SERVICE_DB_HOST:-127.0.0.1}}" \
		-P "${db_port:-${AUTO_SERVICE_DB_PORT:-3306}}" -u"${db_user:-$(site_conf db_name)}" "$@"
}

# root over TCP, for dropping what a failed run left
root_db() {
	MYSQL_PWD=$DB_ROOT_PASSWORD mysql --protocol=tcp -h "${AUTO_SERVICE_DB_HOST:-127.0.0.1}" \
		-P "${AUTO_SERVICE_DB_PORT:-3306}" -uroot "$@"
}

# What the app's schema and install steps depend on: a change means the snapshot must be migrated.
app_stamp() {
	if [ "$REFERENCE" = 1 ]; then
		echo "reference"
		return
	fi
	(cd "$AS_ROOT_DIR" && find auto_service -name '*.json' -o -name hooks.py -o -name patches.txt \
		-o -path 'auto_service/setup/*.py' | LC_ALL=C sort | xargs sha1sum | sha1sum | cut -d' ' -f1)
}

ensure_payments_app() {
	[ -d "$BENCH/apps/payments" ] && return 0
	log "getting payments $PAYMENTS_BRANCH from $PAYMENTS_REPO (ERPNext's CI installs it with erpnext)"
	as_bench_user "$BENCH" bench get-app --skip-assets --branch "$PAYMENTS_BRANCH" "$PAYMENTS_REPO" \
		>"$ARTIFACTS/$TAG-get-payments.log" 2>&1 \
		|| { tail -n 30 "$ARTIFACTS/$TAG-get-payments.log"; die "bench get-app payments failed"; }
}

# The site as ERPNext's CI makes it, then auto_service installed on it as a shop installs it on a running
# ERPNext (unless --reference), then the global test records; saved as the snapshot.
make_primed_site() {
	if [ -d "$SITE_DIR" ]; then
		log "dropping the unprimed or stale site $SITE"
		if ! as_bench_user "$BENCH" bench drop-site "$SITE" --force --no-backup \
			--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" >>"$ARTIFACTS/$TAG-site.log" 2>&1; then
			# a half-made site (no database): drop what exists of it by hand
			local db_name db_user
			db_name=$(site_conf db_name)
			db_user=$(site_conf db_user)
			db_user=${db_user:-$db_name}
			if [ -n "$db_name" ]; then
				root_db -e "DROP DATABASE IF EXISTS \`$db_name\`; DROP USER IF EXISTS '$db_user'@'localhost'; DROP USER IF EXISTS '$db_user'@'%';" \
					|| die "cannot drop the database of $SITE (see $ARTIFACTS/$TAG-site.log)"
			fi
		fi
		rm -rf "$SITE_DIR"
	fi
	log "creating $SITE: payments + erpnext (several minutes; reused by later runs)"
	local db_opts=()
	[ -n "${AUTO_SERVICE_DB_HOST:-}" ] && db_opts+=(--db-host "$AUTO_SERVICE_DB_HOST")
	[ -n "${AUTO_SERVICE_DB_PORT:-}" ] && db_opts+=(--db-port "$AUTO_SERVICE_DB_PORT")
	as_bench_user "$BENCH" bench new-site "$SITE" --admin-password "$ADMIN_PASSWORD" "${db_opts[@]}" \
		--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
		--install-app payments --install-app erpnext >>"$ARTIFACTS/$TAG-site.log" 2>&1 \
		|| { tail -n 40 "$ARTIFACTS/$TAG-site.log"; die "bench new-site $SITE failed"; }
	# site_config_mariadb.json of ERPNext's CI, less the database keys
	bench_site set-config allow_tests true >/dev/null
	# ERPNext's CI bench runs without developer mode (a bench for development may have it on globally)
	bench_site set-config developer_mode 0 --parse >/dev/null
	bench_site set-config auto_email_id test@example.com >/dev/null
	bench_site set-config mail_server smtp.example.com >/dev/null
	bench_site set-config mail_login test@example.com >/dev/null
	bench_site set-config mail_password test >/dev/null
	bench_site set-config throttle_user_limit 100 --parse >/dev/null
	log "priming $SITE: erpnext.setup.utils.before_tests (setup wizard as ERPNext's CI runs it)"
	bench_site execute erpnext.setup.utils.before_tests >>"$ARTIFACTS/$TAG-site.log" 2>&1 \
		|| { tail -n 40 "$ARTIFACTS/$TAG-site.log"; die "before_tests failed on $SITE"; }
	if [ "$REFERENCE" = 0 ]; then
		log "installing auto_service on $SITE"
		bench_site install-app auto_service >>"$ARTIFACTS/$TAG-site.log" 2>&1 \
			|| { tail -n 40 "$ARTIFACTS/$TAG-site.log"; die "install-app auto_service failed on $SITE"; }
	fi
	# erpnext/tests/__init__.py: global_test_dependencies, made by the parallel runner before any test. Made
	# through the test runner (in test mode: no e-mail is sent) with a filter that matches no test.
	local doctype
	for doctype in User Company Item; do
		as_bench_user "$BENCH" env CI=1 bench --site "$SITE" run-tests --doctype "$doctype" \
			--test auto_service_records_only >>"$ARTIFACTS/$TAG-site.log" 2>&1 \
			|| { tail -n 40 "$ARTIFACTS/$TAG-site.log"; die "test records of $doctype failed on $SITE"; }
	done
	save_snapshot
}

save_snapshot() {
	log "saving the primed state of $SITE"
	site_db mysqldump --single-transaction --no-tablespaces --skip-triggers "$(site_conf db_name)" \
		| gzip -1 >"$SNAPSHOT.tmp" || die "cannot dump $SITE"
	mv "$SNAPSHOT.tmp" "$SNAPSHOT"
	# frappe's test runner skips the DocTypes listed in the site's .test_log ("records made"): it belongs to
	# the database state, so it is kept and restored with it
	if [ -f "$SITE_DIR/.test_log" ]; then cp "$SITE_DIR/.test_log" "$SNAPSHOT.test_log"; else : >"$SNAPSHOT.test_log"; fi
	app_stamp >"$SNAPSHOT_STAMP"
}

# Back to the primed state: every table dropped, the snapshot loaded, caches cleared.
restore_snapshot() {
	local db_name drops
	db_name=$(site_conf db_name)
	drops=$(site_db mysql -N -e "select concat('drop table if exists \`', table_name, '\`;') from information_schema.tables where table_schema = '$db_name'" || true)
	{
		echo "SET FOREIGN_KEY_CHECKS=0;"
		echo "$drops"
		gunzip -c "$SNAPSHOT"
	} | site_db mysql "$db_name" || die "cannot restore the snapshot of $SITE"
	as_bench_user "$BENCH" cp "$SNAPSHOT.test_log" "$SITE_DIR/.test_log" || die "cannot restore $SITE_DIR/.test_log"
	bench_site clear-cache >/dev/null 2>&1 || true
}

prepare_site() {
	start_mariadb
	start_redis "$BENCH"
	ensure_payments_app
	if [ "$REFERENCE" = 0 ] && ! { [ "$(readlink -f "$BENCH/apps/auto_service")" = "$AS_ROOT_DIR" ] \
		&& "$BENCH/env/bin/python" -c "import auto_service" 2>/dev/null; }; then
		link_app "$BENCH"
	fi
	if [ "$FRESH" = 1 ] || [ ! -s "$SNAPSHOT" ] || [ ! -f "$SNAPSHOT.test_log" ] \
		|| ! site_db mysql -e "select 1" >/dev/null 2>&1; then
		make_primed_site
		return
	fi
	log "reusing $SITE: restoring its primed state"
	restore_snapshot
	if [ "$(cat "$SNAPSHOT_STAMP" 2>/dev/null)" != "$(app_stamp)" ]; then
		log "the app's schema changed: migrating $SITE and saving its primed state again"
		bench_site migrate >>"$ARTIFACTS/$TAG-site.log" 2>&1 \
			|| { tail -n 40 "$ARTIFACTS/$TAG-site.log"; die "migrate failed on $SITE"; }
		save_snapshot
	fi
}

# known upstream failures: first word of each line (test id), '#' starts a comment
known_failure_ids() {
	[ -f "$KNOWN_FAILURES" ] && sed -e 's/#.*//' "$KNOWN_FAILURES" | awk 'NF {print $1}'
}

# test ids of the failures and errors in a unittest log: "FAIL: test_x (module.Class.test_x)" (3.11) or
# "FAIL: test_x (module.Class)" (older), "ERROR: setUpClass (module.Class)"
failed_ids() {
	grep -E '^(FAIL|ERROR): ' "$1" | sed -E 's/^(FAIL|ERROR): ([^ ]+) \(([^)]+)\).*/\2 \3/' \
		| awk '{ id = $2; n = split(id, parts, "."); if (parts[n] != $1) id = id "." $1; print id }' | sort -u
}

run_suites() {
	local results=$ARTIFACTS/$TAG-results.txt total_passed=0 total_failed=0 total_known=0
	: >"$results"
	local known
	known=$(known_failure_ids | sort -u)
	local doctype slug out rc ran failures errors skipped ids unexpected known_here started
	for doctype in "${DOCTYPES[@]}"; do
		slug=${doctype// /_}
		out=$ARTIFACTS/$TAG-${slug,,}.log
		started=$SECONDS
		log "ERPNext tests of $doctype on $SITE"
		as_bench_user "$BENCH" env CI=1 timeout 3600 bench --site "$SITE" run-tests --doctype "$doctype" >"$out" 2>&1
		rc=$?
		ran=$(grep -oE '^Ran [0-9]+ test' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
		failures=$(grep -oE 'failures=[0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
		errors=$(grep -oE 'errors=[0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
		skipped=$(grep -oE 'skipped=[0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
		ids=$(failed_ids "$out")
		unexpected=$(comm -23 <(echo "$ids" | sed '/^$/d') <(echo "$known" | sed '/^$/d'))
		known_here=$(comm -12 <(echo "$ids" | sed '/^$/d') <(echo "$known" | sed '/^$/d'))
		local n_unexpected n_known
		n_unexpected=$(echo "$unexpected" | sed '/^$/d' | wc -l)
		n_known=$(echo "$known_here" | sed '/^$/d' | wc -l)
		if [ "$ran" = 0 ] || { [ "$rc" != 0 ] && [ $((failures + errors)) = 0 ]; }; then
			# the suite did not run (import error, test records, timeout): a failure of its own
			warn "$doctype: the suite did not run to its end (exit $rc), see $out"
			tail -n 20 "$out" >&2
			n_unexpected=$((n_unexpected + 1))
		fi
		local passed=$((ran - failures - errors - skipped))
		[ "$passed" -lt 0 ] && passed=0
		printf '%-24s ran %3s: %3s passed, %2s failed (%s known upstream), %s skipped, %ss\n' \
			"$doctype" "$ran" "$passed" "$((failures + errors))" "$n_known" "$skipped" "$((SECONDS - started))" \
			| tee -a "$results"
		[ -n "$unexpected" ] && sed 's/^/    new failure: /' <<<"$unexpected" | tee -a "$results"
		[ -n "$known_here" ] && sed 's/^/    known upstream: /' <<<"$known_here" | tee -a "$results"
		total_passed=$((total_passed + passed))
		total_failed=$((total_failed + n_unexpected))
		total_known=$((total_known + n_known))
	done
	echo "erpnext-suite: $total_passed passed, $total_failed failed, $total_known known upstream failures" \
		| tee -a "$results"
	[ "$total_failed" = 0 ]
}

# one run at a time per site (two runs restoring one database would wreck each other)
LOCK=${TMPDIR:-/tmp}/auto_service-$SITE.lock
exec 9>>"$LOCK" || die "cannot open $LOCK"
chmod 666 "$LOCK" 2>/dev/null || true
if ! flock -n 9; then
	log "another run is using $SITE: waiting for it"
	flock -w 7200 9 || die "$SITE stayed busy for two hours"
fi

started=$SECONDS
prepare_site
log "site $SITE ready in $((SECONDS - started))s"
run_suites
rc=$?
log "ERPNext suites on $SITE: $((SECONDS - started))s in all (details in $ARTIFACTS/$TAG-*.log)"
exit $rc
