#!/usr/bin/env bash
# Runs every test layer of auto_service and says which ran:
#   1. pytest   - the pure modules (tests/), always; needs only Python and PyPI.
#   2. frappe   - the frappe test runner on a real site with ERPNext, when a bench is found
#                 ($AUTO_SERVICE_BENCH, else ~frappe/frappe-bench, else ~/frappe-bench).
#   3. browser  - Playwright + Debian chromium against the bench, when both are present.
# Options: --pytest-only, --no-browser. Environment: AUTO_SERVICE_TEST_SITE (test.localhost),
# AUTO_SERVICE_VENV (where the pytest venv lives), AUTO_SERVICE_REQUIRE_BENCH=1 (fail without a bench).
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

PYTEST_ONLY=0
RUN_BROWSER=1
for arg in "$@"; do
	case "$arg" in
	--pytest-only) PYTEST_ONLY=1 ;;
	--no-browser) RUN_BROWSER=0 ;;
	*) die "unknown option $arg" ;;
	esac
done

TEST_SITE=${AUTO_SERVICE_TEST_SITE:-test.localhost}
VENV=${AUTO_SERVICE_VENV:-$AS_ROOT_DIR/.venv}
ARTIFACTS=${AUTO_SERVICE_ARTIFACTS:-$AS_ROOT_DIR/artifacts}
mkdir -p "$ARTIFACTS"

declare -A PASSED FAILED
LAYERS_RAN=()
LAYERS_SKIPPED=()

# ---------------------------------------------------------------- layer 1: pytest
run_pytest() {
	log "layer 1/3: pytest (pure modules, no Frappe)"
	if [ ! -x "$VENV/bin/python" ]; then
		python3 -m venv "$VENV" || die "cannot create $VENV"
	fi
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
		pytest hypothesis "phonenumbers>=8.13,<10" "vininfo>=1.8,<2" "pyenchant>=3.2,<4" >"$ARTIFACTS/pytest-pip.log" 2>&1 \
		|| { cat "$ARTIFACTS/pytest-pip.log"; die "pip install for pytest failed"; }
	# the spell-check of mailings needs the hunspell dictionaries: a missing one is a failure, not a skip
	for dic in ru_RU en_US; do
		[ -f "/usr/share/hunspell/$dic.dic" ] \
			|| die "hunspell dictionary $dic missing: apt-get install hunspell-ru hunspell-en-us libenchant-2-2 (scripts/setup.sh does)"
	done
	local out="$ARTIFACTS/pytest.log"
	(cd "$AS_ROOT_DIR" && "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests) 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]}
	local summary
	summary=$(tail -n 1 "$out")
	PASSED[pytest]=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
	FAILED[pytest]=$(($(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0) + $(grep -oE '[0-9]+ error' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
	[ "$rc" = 5 ] && { warn "pytest collected no tests"; FAILED[pytest]=1; }
	[ "$rc" != 0 ] && [ "${FAILED[pytest]}" = 0 ] && FAILED[pytest]=1
	LAYERS_RAN+=("pytest")
}

# ---------------------------------------------------------------- layer 2: frappe
# The bench's apps/auto_service as it was found: a development bench that links its own checkout gets it
# back when the tests of another checkout (a CI clone) are done. Quiet: the summary stays the last output.
restore_app_link() {
	local bench=$1 previous=$2
	if [ -z "$previous" ] || [ "$previous" = "$AS_ROOT_DIR" ] || [ ! -f "$previous/auto_service/hooks.py" ]; then
		return 0
	fi
	# shellcheck disable=SC2030 # on purpose: only this subshell links the previous checkout
	(AS_ROOT_DIR=$previous && link_app "$bench") >>"$ARTIFACTS/restore-link.log" 2>&1 || true
}

on_exit() {
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
	[ -n "${LINKED_BENCH:-}" ] && restore_app_link "$LINKED_BENCH" "${PREVIOUS_APP_LINK:-}"
	return 0
}
trap on_exit EXIT

run_frappe() {
	local bench=$1
	log "layer 2/3: frappe test runner on site $TEST_SITE of bench $bench"
	start_mariadb
	start_redis "$bench"
	PREVIOUS_APP_LINK=$(readlink "$bench/apps/auto_service" 2>/dev/null || true)
	LINKED_BENCH=$bench
	link_app "$bench"
	# the mailing tests receive e-mail on a local SMTP server (aiosmtpd) inside the bench's Python
	as_bench_user "$bench" "$bench/env/bin/python" -m pip install --quiet --disable-pip-version-check \
		"aiosmtpd>=1.4,<2" >>"$ARTIFACTS/pytest-pip.log" 2>&1 || warn "pip install aiosmtpd into the bench failed"
	[ -d "$bench/sites/$TEST_SITE" ] || die "bench $bench has no site $TEST_SITE (scripts/setup.sh makes one)"
	as_bench_user "$bench" bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
	if site_has_app "$bench" "$TEST_SITE"; then
		log "migrating $TEST_SITE"
		as_bench_user "$bench" bench --site "$TEST_SITE" migrate >"$ARTIFACTS/migrate.log" 2>&1 \
			|| { tail -n 60 "$ARTIFACTS/migrate.log"; FAILED[frappe]=1; LAYERS_RAN+=("frappe"); return; }
	else
		log "installing auto_service on $TEST_SITE"
		as_bench_user "$bench" bench --site "$TEST_SITE" install-app auto_service >"$ARTIFACTS/migrate.log" 2>&1 \
			|| { tail -n 60 "$ARTIFACTS/migrate.log"; FAILED[frappe]=1; LAYERS_RAN+=("frappe"); return; }
	fi
	# a web server for the site: wkhtmltopdf fetches the print CSS from it, the browser tests drive it
	TEST_PORT=${AUTO_SERVICE_TEST_PORT:-$(free_port)}
	if SERVER_PID=$(serve_site "$bench" "$TEST_SITE" "$TEST_PORT" "$ARTIFACTS/test-server.log"); then
		as_bench_user "$bench" bench --site "$TEST_SITE" set-config host_name "http://127.0.0.1:$TEST_PORT" >/dev/null
		log "serving $TEST_SITE on http://127.0.0.1:$TEST_PORT"
	else
		warn "could not serve $TEST_SITE on 127.0.0.1:$TEST_PORT (see $ARTIFACTS/test-server.log)"
	fi
	local out="$ARTIFACTS/frappe-tests.log"
	as_bench_user "$bench" env CI=1 bench --site "$TEST_SITE" run-tests --app auto_service 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]}
	local ran failures errors
	ran=$(grep -oE '^Ran [0-9]+ test' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
	failures=$(grep -oE 'failures=[0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
	errors=$(grep -oE 'errors=[0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
	FAILED[frappe]=$((failures + errors))
	PASSED[frappe]=$((ran - FAILED[frappe]))
	if [ "$rc" != 0 ] && [ "${FAILED[frappe]}" = 0 ]; then FAILED[frappe]=1; fi
	if [ "$ran" = 0 ]; then warn "the frappe runner ran no test"; FAILED[frappe]=$((FAILED[frappe] + 1)); fi
	LAYERS_RAN+=("frappe")
}

# ---------------------------------------------------------------- layer: erpnext
# ERPNext's own test suites of the flows the app hooks into (Customer, Contact, Lead, Employee, Payment
# Entry, Payment Reconciliation; also Sales Invoice with AUTO_SERVICE_ERPNEXT_FULL=1), with the app
# installed on an English site primed as ERPNext's CI primes one: scripts/erpnext_tests.sh (it makes the
# site erpnext-test.localhost when missing and reuses it afterwards). Failures that happen without the app
# too are listed in scripts/erpnext_known_failures.txt: shown, not counted. AUTO_SERVICE_ERPNEXT=0 skips it.
run_erpnext() {
	log "layer erpnext: ERPNext's own test suites with auto_service installed"
	local out="$ARTIFACTS/erpnext-layer.log"
	AUTO_SERVICE_ARTIFACTS="$ARTIFACTS" bash "$AS_ROOT_DIR/scripts/erpnext_tests.sh" 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]} summary
	summary=$(grep -E '^erpnext-suite: ' "$out" | tail -n 1)
	PASSED[erpnext]=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
	FAILED[erpnext]=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
	ERPNEXT_KNOWN=$(grep -oE '[0-9]+ known' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
	[ "$rc" != 0 ] && [ "${FAILED[erpnext]}" = 0 ] && FAILED[erpnext]=1
	LAYERS_RAN+=("erpnext")
}

# ---------------------------------------------------------------- layer 3: browser
run_browser() {
	local bench=$1
	local chromium
	chromium=$(command -v chromium || command -v chromium-browser || true)
	if [ -z "$chromium" ]; then
		LAYERS_SKIPPED+=("browser (no Debian chromium: apt-get install chromium)")
		return
	fi
	log "layer 3/3: browser tests (Playwright + $chromium) against $TEST_SITE"
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check playwright >>"$ARTIFACTS/pytest-pip.log" 2>&1 \
		|| { LAYERS_SKIPPED+=("browser (pip install playwright failed)"); return; }
	local out="$ARTIFACTS/browser.log"
	log "building the app's assets"
	as_bench_user "$bench" bench build --app auto_service >"$ARTIFACTS/build.log" 2>&1 \
		|| { tail -n 30 "$ARTIFACTS/build.log"; FAILED[browser]=1; LAYERS_RAN+=("browser"); return; }
	AUTO_SERVICE_TEST_URL="http://127.0.0.1:${TEST_PORT:-}" \
		AUTO_SERVICE_BENCH="$bench" AUTO_SERVICE_TEST_SITE="$TEST_SITE" CHROMIUM="$chromium" \
		AUTO_SERVICE_ARTIFACTS="$ARTIFACTS" \
		"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$AS_ROOT_DIR/browser_tests" 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]}
	local summary
	summary=$(tail -n 1 "$out")
	PASSED[browser]=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
	FAILED[browser]=$(($(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0) + $(grep -oE '[0-9]+ error' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
	[ "$rc" != 0 ] && [ "${FAILED[browser]}" = 0 ] && FAILED[browser]=1
	LAYERS_RAN+=("browser")
}

run_pytest
if [ "$PYTEST_ONLY" = 1 ]; then
	LAYERS_SKIPPED+=("frappe (--pytest-only)" "browser (--pytest-only)")
elif BENCH=$(find_bench); then
	run_frappe "$BENCH"
	if [ "$RUN_BROWSER" = 1 ] && [ -d "$AS_ROOT_DIR/browser_tests" ]; then
		run_browser "$BENCH"
	else
		LAYERS_SKIPPED+=("browser (--no-browser)")
	fi
	if [ "${AUTO_SERVICE_ERPNEXT:-1}" != 0 ]; then run_erpnext; else LAYERS_SKIPPED+=("erpnext (AUTO_SERVICE_ERPNEXT=0)"); fi
else
	[ "${AUTO_SERVICE_REQUIRE_BENCH:-0}" = 1 ] && die "no bench found and AUTO_SERVICE_REQUIRE_BENCH=1"
	LAYERS_SKIPPED+=("frappe (no bench found: set AUTO_SERVICE_BENCH or run scripts/setup.sh)" "browser (no bench)")
fi

echo
echo "================ auto_service test summary ================"
total_passed=0
total_failed=0
for layer in "${LAYERS_RAN[@]}"; do
	printf 'layer %-8s ran: %s passed, %s failed\n' "$layer" "${PASSED[$layer]:-0}" "${FAILED[$layer]:-0}"
	total_passed=$((total_passed + ${PASSED[$layer]:-0}))
	total_failed=$((total_failed + ${FAILED[$layer]:-0}))
done
for skipped in "${LAYERS_SKIPPED[@]}"; do
	echo "layer skipped: $skipped"
done
[ -n "${ERPNEXT_KNOWN:-}" ] && echo "layer erpnext: $ERPNEXT_KNOWN known upstream failures not counted (scripts/erpnext_known_failures.txt)"
echo "total: $total_passed passed, $total_failed failed"
[ "$total_failed" = 0 ]
