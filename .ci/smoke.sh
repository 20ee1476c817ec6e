#!/usr/bin/env bash
# .ci/smoke.sh: Knowflow's real window, headless, with a race build.
#
# Builds cmd/knowflow with -race (or uses $KNOWFLOW_SMOKE_BIN), starts Xvfb on
# a free display and a private session D-Bus (dbus-run-session) with a real
# tray host (status-notifier-watcher) and notification daemon (dunst), and
# runs the app several times against a temp database, HOME and XDG dirs, so
# the user's own data and Fyne preferences are never touched. Each run:
#   - waits for "knowflow: window shown" on stderr, checks a window titled
#     "Knowflow" is mapped, screenshots the screen to build/smoke/NAME.png and
#     checks the picture is not blank;
#   - the first run also checks over D-Bus that the app's tray item is
#     registered with the watcher, that its dbusmenu has "Open Knowflow"
#     and exactly one "Quit", and clicks "Open Knowflow";
#   - quits through one of the app's normal paths (SIGTERM, the tray's
#     "Quit" clicked over D-Bus, or --quit-after) and wants exit status 0,
#     the database created and closed (no -wal left);
#   - fails on "panic:", "WARNING: DATA RACE", "fatal error:" or Fyne's
#     wrong-thread error in the log (GORACE=halt_on_error=1).
# Logs are kept in build/smoke/NAME.log. Add a screen with one more `shot`
# line in smoke_runs below.
#
# Env: KNOWFLOW_SMOKE_BIN  binary to run (default: race build of ./cmd/knowflow)
#      SMOKE_SHOWN_TIMEOUT seconds to wait for the window (60)
#      SMOKE_KEEP_TMP=1    keep the temp dir (database, HOME) for a look
set -euo pipefail

# --- the runs -----------------------------------------------------------------
# Inside the session. shot NAME [app args...]: one run of the app with --db.
smoke_runs() {
	seed_data # real feeds and people, so the screenshots show a used app
	shot seek --section seek # first run: also the tray and its menu
	# The Share section on a weekday noon (--at), when Marta's shares are
	# due: the tray counts them and dunst gets the reminder.
	SHOT_CHECK=check_share shot share --section share --at "$SHARE_AT"
	# The reader on an item with an inline picture and a podcast episode.
	SHOT_CHECK=open_first_item shot reader --section seek
	shot people --section people
	shot flow --section flow
	shot problems --section problems # Jonas's feed is gone (404): Sources with problems lists it
	# Quit from the tray menu, over D-Bus as a tray host does it.
	tray_quit_run tray-quit --section flow
	# The self-quit path, with the database from $KNOWFLOW_DB instead of --db.
	quit_after_run quit-after 3s "$SMOKE_TMP/env.db" --section seek
	quit_refresh_run quit-mid-refresh # SIGTERM while refreshing: out in 2 s, database whole
	# Started hidden (the autostart entry), a command beside it, then a
	# second launch on the same database shows the window and exits 0.
	second_launch_run second-launch
	start_error_run start-error # a file that is not Knowflow's: a window says so
	stall_run stall # the stall meter: 100,000 items, a refresh of 1,000 feeds beside
}

# --- settings --------------------------------------------------------------------
SHOWN_TIMEOUT=${SMOKE_SHOWN_TIMEOUT:-60} # s until "window shown"
SETTLE=2                                 # s between "window shown" and the screenshot
TRAY_TIMEOUT=15                          # s until the tray item is registered
QUIT_TIMEOUT=20                          # s from SIGTERM (or --quit-after) to exit
SHOWN_LINE='knowflow: window shown'
BAD_LOG='panic:|WARNING: DATA RACE|fatal error:|\*\*\* Error in Fyne call thread'
SCREEN=1280x800x24

say() { printf 'smoke: %s\n' "$*"; }
now_ms() { date +%s%3N; }
secs_since() { # ms timestamp -> "1.2"
	local d=$(($(now_ms) - $1))
	printf '%d.%d' $((d / 1000)) $((d % 1000 / 100))
}

# ======================================================================================
# Inside dbus-run-session (DISPLAY and DBUS_SESSION_BUS_ADDRESS set).
# ======================================================================================
helper_pids=()
passed=0
failed=0
failures=()
tray_checked=0
never_shown=0
run_name=""
run_log=""
run_pid=""
run_start=0
run_errors=()

in_session() {
	[[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || { say "no session bus"; exit 1; }
	local t0
	t0=$(now_ms)
	trap stop_helpers EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	status-notifier-watcher >"$SMOKE_OUT/status-notifier-watcher.log" 2>&1 &
	helper_pids+=($!)
	dunst >"$SMOKE_OUT/dunst.log" 2>&1 &
	helper_pids+=($!)
	wait_name org.kde.StatusNotifierWatcher 15 ||
		{ say "FAIL: status-notifier-watcher never owned org.kde.StatusNotifierWatcher"; cat "$SMOKE_OUT/status-notifier-watcher.log"; exit 1; }
	wait_name org.freedesktop.Notifications 15 ||
		{ say "FAIL: dunst never owned org.freedesktop.Notifications"; cat "$SMOKE_OUT/dunst.log"; exit 1; }
	say "session: DISPLAY=$DISPLAY, tray host and notification daemon up"

	smoke_runs

	echo
	if ((failed == 0)); then
		say "PASS: $passed runs in $(secs_since "$t0") s, screenshots in $SMOKE_OUT/ (first: $SMOKE_OUT/seek.png)"
	else
		local f
		for f in "${failures[@]}"; do say "FAIL: $f"; done
	fi
	# The plain closing line CI reads.
	echo "smoke: $passed passed, $failed failed"
	((failed == 0))
}

stop_helpers() { # on every way out of the session: the app if still running, dunst, the watcher
	local p
	[[ -z "$run_pid" ]] || kill -KILL "$run_pid" 2>/dev/null || true
	for p in "${helper_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${helper_pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

dbus_call() { # DEST PATH METHOD [ARGS...]
	gdbus call --session --timeout 5 --dest "$1" --object-path "$2" --method "$3" "${@:4}"
}

wait_name() { # NAME TIMEOUT_S: until NAME has an owner on the session bus
	local end=$((SECONDS + $2))
	while ((SECONDS < end)); do
		[[ "$(dbus_call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null)" == "(true,)" ]] && return 0
		sleep 0.2
	done
	return 1
}

# --- one run of the app ----------------------------------------------------------------

fail_check() { run_errors+=("$*"); say "  FAIL $run_name: $*"; }

launch() { # NAME ARGS...: start the app in the background
	run_name=$1
	shift
	run_log="$SMOKE_OUT/$run_name.log"
	run_errors=()
	say "$run_name: $(basename "$SMOKE_BIN") $*"
	GORACE="halt_on_error=1" "$SMOKE_BIN" "$@" >"$SMOKE_OUT/$run_name.stdout" 2>"$run_log" &
	run_pid=$!
	run_start=$(now_ms)
}

wait_shown() { # until the app says its window is shown; false if it dies or times out
	local end=$((SECONDS + SHOWN_TIMEOUT))
	while ((SECONDS < end)); do
		if grep -qF "$SHOWN_LINE" "$run_log"; then
			say "  window shown after $(secs_since "$run_start") s"
			return 0
		fi
		if ! kill -0 "$run_pid" 2>/dev/null; then
			fail_check "exited before showing its window"
			never_shown=1
			return 1
		fi
		sleep 0.2
	done
	fail_check "no '$SHOWN_LINE' on stderr within ${SHOWN_TIMEOUT} s"
	never_shown=1
	return 1
}

check_window() { # a mapped top-level window titled "Knowflow", and a screenshot of it
	local png="$SMOKE_OUT/$run_name.png" geom colours
	# xwininfo -tree lines: 0x400007 "Knowflow": ("knowflow" "knowflow")  1100x720+90+40  +90+40
	geom=$(xwininfo -root -tree 2>/dev/null | grep -m1 -E '^ +0x[0-9a-f]+ "Knowflow"' | grep -oE '[0-9]+x[0-9]+\+' | head -n1 || true)
	if [[ -z "$geom" ]]; then
		fail_check "no window titled \"Knowflow\" on the display"
	else
		say "  window \"Knowflow\" ${geom%+}"
	fi
	if ! import -window root "$png" 2>>"$SMOKE_OUT/import.log"; then
		fail_check "screenshot failed (import -window root)"
		return
	fi
	colours=$(identify -format '%k' "$png" 2>/dev/null || echo 0)
	if ((colours < 16)); then
		fail_check "screenshot $png looks blank ($colours colours)"
	else
		say "  screenshot $png ($colours colours)"
	fi
}

# --- the tray, over D-Bus -----------------------------------------------------------
tray_svc=""
tray_path=""
tray_menu=""
tray_layout=""

find_tray() { # sets tray_svc/tray_path to the item the watcher lists for run_pid
	local end=$((SECONDS + TRAY_TIMEOUT)) reply item svc path pid
	tray_svc=""
	while :; do
		reply=$(dbus_call org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
			org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems 2>&1 || true)
		# reply: (<[':1.4/StatusNotifierItem']>,) ; an item is "service/path" or "service"
		for item in $(grep -oE "'[^']+'" <<<"$reply" | tr -d "'"); do
			svc=${item%%/*}
			path=/${item#*/}
			[[ "$item" == */* ]] || path=/StatusNotifierItem
			pid=$(dbus_call org.freedesktop.DBus /org/freedesktop/DBus \
				org.freedesktop.DBus.GetConnectionUnixProcessID "$svc" 2>/dev/null | grep -oE '[0-9]+' | tail -n1 || true)
			if [[ "$pid" == "$run_pid" ]]; then
				tray_svc=$svc tray_path=$path
				return 0
			fi
		done
		if ((SECONDS >= end)); then
			fail_check "no tray item of pid $run_pid in RegisteredStatusNotifierItems within ${TRAY_TIMEOUT} s (watcher says: $reply)"
			return 1
		fi
		sleep 0.3
	done
}

read_tray_menu() { # sets tray_menu (object path) and tray_layout (GetLayout reply)
	# The menu's path is the item's Menu property (fyne.io/systray: /StatusNotifierMenu).
	tray_menu=$(dbus_call "$tray_svc" "$tray_path" org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem Menu 2>&1 |
		grep -oE "'/[^']*'" | tr -d "'" || true)
	if [[ -z "$tray_menu" ]]; then
		fail_check "tray item $tray_svc$tray_path has no Menu property"
		return 1
	fi
	# GetLayout(parentId 0, recursionDepth -1, all properties)
	tray_layout=$(dbus_call "$tray_svc" "$tray_menu" com.canonical.dbusmenu.GetLayout 0 'int32 -1' '@as []' 2>&1 || true)
	echo "$tray_layout" >"$SMOKE_OUT/$run_name.tray-menu.txt"
}

tray_click() { # LABEL: "clicked" event on the tray menu item with that label
	local id
	id=$(grep -oE "<\(([0-9]+), \{[^}]*'label': <'$1'>" <<<"$tray_layout" | head -n1 | grep -oE '^<\([0-9]+' | tr -dc 0-9 || true)
	if [[ -z "$id" ]]; then
		fail_check "no tray menu item \"$1\" to click"
		return 1
	fi
	# Event(id, "clicked", data, timestamp), as a tray host sends it. A
	# "Quit" click may end the app before it answers the call: NoReply from
	# a recipient that left the bus is fine there; the exit is checked next.
	local out
	if ! out=$(dbus_call "$tray_svc" "$tray_menu" com.canonical.dbusmenu.Event "int32 $id" clicked '<"">' 'uint32 0' 2>&1); then
		if ! [[ "$1" == Quit && "$out" == *"disconnected from message bus without replying"* ]]; then
			printf '%s\n' "$out" >&2
			fail_check "dbusmenu Event(clicked) on \"$1\" failed"
			return 1
		fi
	fi
	say "  clicked tray menu \"$1\" (id $id)"
}

check_share() { # the tray counts due shares and the reminder reached dunst
	local end=$((SECONDS + TRAY_TIMEOUT)) label="" hist=""
	find_tray || return 0
	while ((SECONDS < end)); do
		read_tray_menu || return 0
		label=$(grep -oE "'label': <'[0-9]+ shares? due'>" <<<"$tray_layout" | head -n1 | sed -E "s/'label': <'(.*)'>/\1/" || true)
		[[ -n "$label" ]] && break
		sleep 0.5
	done
	if [[ -z "$label" ]]; then
		fail_check "the tray menu shows no \"N shares due\": $(grep -oE "'label': <'[^']*'>" <<<"$tray_layout" | paste -sd, -)"
	else
		say "  tray menu says \"$label\""
	fi
	check_tooltip "shares\? due"
	click_reminder
	end=$((SECONDS + TRAY_TIMEOUT))
	while ((SECONDS < end)); do
		# Shown notifications enter the history once closed.
		dunstctl close-all >/dev/null 2>&1 || true
		hist=$(dunstctl history 2>&1 || true)
		grep -q "Knowflow" <<<"$hist" && break
		sleep 0.5
	done
	echo "$hist" >"$SMOKE_OUT/$run_name.dunst-history.json"
	if grep -q "Knowflow: [0-9]* shares\? due" <<<"$hist"; then
		say "  dunst received: $(grep -o 'Knowflow: [0-9]* shares\? due' <<<"$hist" | head -n1)"
	else
		fail_check "dunst history has no Knowflow reminder (saved in $run_name.dunst-history.json)"
	fi
}

check_tooltip() { # PATTERN: the tray item's ToolTip says what is due
	local tip
	tip=$(dbus_call "$tray_svc" "$tray_path" org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem ToolTip 2>&1 || true)
	if grep -q "Knowflow: [0-9]* $1" <<<"$tip"; then
		say "  tray tooltip: $(grep -o "Knowflow: [^']*" <<<"$tip" | head -n1)"
	else
		fail_check "the tray's tooltip does not say what is due: $tip"
	fi
}

click_reminder() { # click the reminder dunst shows, as a user would: the app hears it
	local end=$((SECONDS + TRAY_TIMEOUT))
	while ((SECONDS < end)) && [[ "$(dunstctl count displayed 2>/dev/null)" == 0 ]]; do sleep 0.3; done
	dunstctl action 0 >/dev/null 2>&1 || true
	end=$((SECONDS + 5))
	while ((SECONDS < end)); do
		if grep -q '^knowflow: reminder clicked: Knowflow: [0-9]* shares\? due' "$run_log"; then
			say "  clicked the reminder in dunst: the app opened Share"
			return 0
		fi
		sleep 0.2
	done
	fail_check "clicking the reminder in dunst (dunstctl action 0) did not reach the app"
}

check_tray() { # the app's tray item is registered, its menu is right, and "Open Knowflow" works
	find_tray || return 0
	say "  tray item registered: $tray_svc$tray_path"
	read_tray_menu || return 0
	local want quits
	for want in "Open Knowflow" "Quit"; do
		grep -qF "'label': <'$want'>" <<<"$tray_layout" || fail_check "tray menu ($tray_menu) has no \"$want\": $tray_layout"
	done
	quits=$(grep -oF "'label': <'Quit'>" <<<"$tray_layout" | wc -l || true)
	((quits <= 1)) || fail_check "tray menu has $quits \"Quit\" items (mark the app's own with IsQuit)"
	say "  tray menu $tray_menu: $(grep -oE "'label': <'[^']*'>" <<<"$tray_layout" | sed -E "s/'label': <'(.*)'>/\1/" | paste -sd, -)"
	if tray_click "Open Knowflow"; then
		sleep 1
		kill -0 "$run_pid" 2>/dev/null || fail_check "the app died after \"Open Knowflow\""
		xwininfo -root -tree 2>/dev/null | grep -qE '^ +0x[0-9a-f]+ "Knowflow"' ||
			fail_check "no \"Knowflow\" window after \"Open Knowflow\""
	fi
}

await_exit() { # TIMEOUT_S WHAT: wait for the app to exit and check its status is 0
	local end=$((SECONDS + $1)) t0 rc=0
	t0=$(now_ms)
	while kill -0 "$run_pid" 2>/dev/null && ((SECONDS < end)); do sleep 0.1; done
	if kill -0 "$run_pid" 2>/dev/null; then
		fail_check "still running $1 s after $2; killing it"
		kill -KILL "$run_pid" 2>/dev/null || true
	fi
	wait "$run_pid" || rc=$?
	if ((rc == 0)); then
		say "  exited 0, $(secs_since "$t0") s after $2"
	elif ((rc == 143)); then
		fail_check "killed by SIGTERM (exit 143): the app must catch SIGTERM and quit through fyne's App.Quit"
	else
		fail_check "exit status $rc after $2"
	fi
}

check_db() { # the run used this database (--db or KNOWFLOW_DB) and closed it
	[[ -s "$1" ]] || fail_check "database $1 was not created"
	# SQLite removes the WAL when the last connection closes cleanly.
	[[ ! -s "$1-wal" ]] || fail_check "database left a non-empty $1-wal: not closed on quit"
}

check_log() {
	if grep -qE "$BAD_LOG" "$run_log"; then
		fail_check "log has: $(grep -m3 -E "$BAD_LOG" "$run_log" | paste -sd'|' -)"
	fi
}

finish_run() {
	check_log
	if ((${#run_errors[@]} == 0)); then
		passed=$((passed + 1))
		say "  PASS $run_name in $(secs_since "$run_start") s"
	else
		failed=$((failed + 1))
		# The reasons go in the closing lines too: CI may keep only the tail.
		failures+=("$run_name ($(printf '%s; ' "${run_errors[@]}" | sed 's/; $//'))")
		say "  --- $run_log ---"
		tail -n 150 "$run_log" | sed 's/^/  | /'
		say "  ---"
	fi
}

kill_app() { kill -KILL "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; }

# seed_data: serve testdata/feeds on loopback and subscribe to them through
# the CLI (discovery, fetch, parse, store), import people from
# testdata/people, and link people to the feeds they write (one of which
# is gone, so the reader shows a failing source). Nothing leaves loopback.
seed_data() {
	local k=("$SMOKE_BIN" --db "$SMOKE_TMP/knowflow.db") base="" log="$SMOKE_OUT/seed.log"
	# The testdata feeds, plus one written now so that its items are recent
	# whenever this runs; the Share run then looks at the next weekday noon.
	mkdir -p "$SMOKE_TMP/feeds"
	cp "$ROOT"/testdata/feeds/* "$SMOKE_TMP/feeds/"
	fresh_feed >"$SMOKE_TMP/feeds/guild-fresh.xml"
	SHARE_AT=$(next_weekday_noon)
	"$SMOKE_SERVE" -serve "$SMOKE_TMP/feeds" -for 10m >"$SMOKE_OUT/feedserver.url" 2>"$SMOKE_OUT/feedserver.log" &
	helper_pids+=($!)
	for _ in $(seq 50); do
		base=$(head -n1 "$SMOKE_OUT/feedserver.url" 2>/dev/null || true)
		[[ -n "$base" ]] && break
		sleep 0.1
	done
	[[ -n "$base" ]] || { say "FAIL: the feed server did not start"; cat "$SMOKE_OUT/feedserver.log"; exit 1; }
	pictures_feed "$base" >"$SMOKE_TMP/feeds/pictures.xml"
	convert -size 640x320 gradient:'#2b6cde'-'#f0a030' -fill white -draw 'rectangle 40,140 600,180' \
		"$SMOKE_TMP/feeds/chart.png" 2>>"$SMOKE_OUT/import.log"
	{
		"${k[@]}" add "${base}team-notes.xml" --folder Work &&
			"${k[@]}" add "${base}practice.atom" --folder Practice/PKM &&
			"${k[@]}" add "${base}network.json" &&
			"${k[@]}" import "$ROOT/testdata/people/apple-contacts-3.0.vcf" &&
			"${k[@]}" import "$ROOT/testdata/people/linkedin-connections.csv" &&
			"${k[@]}" contact add "Marta Silva" --circle team --community "L&D Guild" --email marta@example.org \
				--timezone Europe/Lisbon --interests "remote onboarding, documentation" --feed "${base}team-notes.xml" &&
			"${k[@]}" contact add "Jonas Weber" --circle community --community "L&D Guild" --feed "${base}jonas-moved-away.xml" &&
			"${k[@]}" add "${base}guild-fresh.xml" --folder Practice &&
			"${k[@]}" add "${base}pictures.xml" &&
			"${k[@]}" refresh && # every source is on loopback; Jonas's feed is gone (404)
			"${k[@]}" read --source 1 && # Marta's Team Notes: what came in, for the Flow section
			"${k[@]}" suggest --at "$SHARE_AT"
	} >"$log" 2>&1 || { say "FAIL: seeding the database"; cat "$log"; exit 1; }
	grep -q "Marta Silva" "$log" || { say "FAIL: no suggestion for Marta at $SHARE_AT"; cat "$log"; exit 1; }
	grep -q "subscribed: 1 Team Notes" "$log" || { say "FAIL: seeding did not subscribe"; cat "$log"; exit 1; }
	if grep -Eq "$BAD_LOG" "$log"; then say "FAIL: seeding logged a panic or race"; cat "$log"; exit 1; fi
	say "seeded: $(grep -c '^subscribed' "$log") feeds, $("${k[@]}" contacts | tail -n +2 | wc -l) people"
}

# fresh_feed: an RSS feed whose items were published in the last hours.
fresh_feed() {
	local i titles=("A remote onboarding checklist for distributed teams"
		"Documentation sprints: how one guild writes its docs together"
		"Notes from the onboarding retro: what new hires asked first")
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Guild Fresh</title><link>http://guild.example/</link>\n'
	for i in 0 1 2; do
		printf '<item><title>%s</title><link>http://guild.example/posts/%d</link><guid>guild-fresh-%d</guid><pubDate>%s</pubDate><description>%s. Remote onboarding and documentation, written up by the guild.</description></item>\n' \
			"${titles[$i]}" "$i" "$i" "$(date -u -R -d "-$((i + 1)) hours")" "${titles[$i]}"
	done
	printf '</channel></rss>\n'
}

# pictures_feed BASE: one item, the newest of all, with a picture and an
# episode served from BASE, and a tracking pixel that must never be fetched.
pictures_feed() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Learning Out Loud</title><link>http://pod.example/</link>\n'
	printf '<item><title>Episode 12: how knowledge flows in a remote team</title><link>http://pod.example/12</link><guid>pod-12</guid><pubDate>%s</pubDate>' "$(date -u -R -d '-10 minutes')"
	printf '<enclosure url="%sepisode-12.mp3" length="24986239" type="audio/mpeg"/>' "$1"
	printf '<description>&lt;p&gt;How a remote team passes knowledge on. The chart shows where it goes.&lt;/p&gt;&lt;p&gt;&lt;img src="%schart.png" alt="Knowledge flow chart" width="640" height="320"&gt;&lt;img src="http://stats.wordpress.com/g.gif" width="1" height="1"&gt;&lt;/p&gt;&lt;p&gt;Thanks for listening.&lt;/p&gt;</description></item>\n' "$1"
	printf '</channel></rss>\n'
}

# open_first_item: j selects the newest item (the pictures feed's); wait for
# its picture.
open_first_item() {
	xdotool key j
	sleep "${READER_WAIT:-3}"
}

# next_weekday_noon: tomorrow or the next weekday after it, 12:00 UTC (inside
# Lisbon working hours, outside the default quiet hours).
next_weekday_noon() {
	local d=1
	while (($(date -u -d "+$d day" +%u) > 5)); do d=$((d + 1)); done
	date -u -d "+$d day" +%Y-%m-%dT12:00:00Z
}

# shot NAME [ARGS...]: run the app with --db and ARGS, screenshot NAME.png, quit by SIGTERM.
shot() {
	local name=$1
	shift
	launch "$name" --db "$SMOKE_TMP/knowflow.db" "$@"
	if wait_shown; then
		sleep "$SETTLE"
		# A run's own check waits for what it looks for (the Share run: the
		# due shares in the tray), so its picture shows that too.
		[[ -z "${SHOT_CHECK:-}" ]] || "$SHOT_CHECK"
		check_window
		if ((tray_checked == 0)); then
			tray_checked=1
			check_tray
		fi
		kill -TERM "$run_pid" 2>/dev/null || true
		await_exit "$QUIT_TIMEOUT" SIGTERM
		check_db "$SMOKE_TMP/knowflow.db"
	else
		kill_app
	fi
	finish_run
	# Without a window the other runs would only wait out the same timeout.
	if ((never_shown)); then
		say "FAIL: stopping, the window never came up"
		echo "smoke: $passed passed, $failed failed"
		exit 1
	fi
}

# tray_quit_run NAME [ARGS...]: like shot, without the screenshot, and quits by
# clicking the tray menu's "Quit" over D-Bus, as a user would.
tray_quit_run() {
	local name=$1
	shift
	launch "$name" --db "$SMOKE_TMP/knowflow.db" "$@"
	if wait_shown; then
		if find_tray && read_tray_menu && tray_click Quit; then
			await_exit "$QUIT_TIMEOUT" 'tray "Quit"'
			check_db "$SMOKE_TMP/knowflow.db"
		else
			kill_app
		fi
	else
		kill_app
	fi
	finish_run
}

# quit_after_run NAME DURATION DB [ARGS...]: KNOWFLOW_DB=DB app --quit-after DURATION ARGS; wants exit 0.
quit_after_run() {
	local name=$1 dur=$2 db=$3 secs
	shift 3
	secs=${dur%s}
	KNOWFLOW_DB="$db" launch "$name" --quit-after "$dur" "$@"
	if wait_shown; then
		await_exit $((${secs%.*} + QUIT_TIMEOUT)) "window shown (--quit-after $dur)"
		check_db "$db"
	else
		kill_app
	fi
	finish_run
}

# quit_refresh_run NAME: the window refreshes 150 loopback feeds (tray
# "Refresh now"): 100 answer, 50 never do (kfbench -hang holds them open).
# Once the slow ones hang (mid refresh), SIGTERM: the app must exit 0 within
# 2 s, close the database (no -wal) and `knowflow check` must pass on it.
quit_refresh_run() {
	local name=$1 dir="$SMOKE_TMP/quit-feeds" db="$SMOKE_TMP/quit.db" base="" i t0 ms held
	local srvlog="$SMOKE_OUT/$1.feedserver.log"
	mkdir -p "$dir"
	{
		echo '<?xml version="1.0"?><opml version="2.0"><body>'
		for i in $(seq 100); do echo "<outline type=\"rss\" text=\"Fast $i\" xmlUrl=\"BASE/fast-$i.xml\"/>"; done
		for i in $(seq 50); do echo "<outline type=\"rss\" text=\"Slow $i\" xmlUrl=\"BASE/slow/$i.xml\"/>"; done
		echo '</body></opml>'
	} >"$dir/feeds.opml.in"
	for i in $(seq 100); do cp "$ROOT/testdata/feeds/team-notes.xml" "$dir/fast-$i.xml"; done
	"$SMOKE_SERVE" -serve "$dir" -hang slow -for 10m >"$SMOKE_OUT/$name.feedserver.url" 2>"$srvlog" &
	helper_pids+=($!)
	for _ in $(seq 50); do
		base=$(head -n1 "$SMOKE_OUT/$name.feedserver.url" 2>/dev/null || true)
		[[ -n "$base" ]] && break
		sleep 0.1
	done
	sed "s#BASE/#$base#" "$dir/feeds.opml.in" >"$dir/feeds.opml"
	"$SMOKE_BIN" --db "$db" import "$dir/feeds.opml" >"$SMOKE_OUT/$name.import.log" 2>&1 ||
		{ say "FAIL: importing the feeds for $name"; cat "$SMOKE_OUT/$name.import.log"; exit 1; }
	launch "$name" --db "$db" --section seek
	if wait_shown && find_tray && read_tray_menu && tray_click "Refresh now"; then
		# The fetcher asks one host 4 at a time: 4 held requests = the
		# fast feeds fetched, the refresh waiting on the slow ones.
		held=0 lost=0 retried=0
		for _ in $(seq 300); do
			held=$(grep -c '^kfbench: holding' "$srvlog" || true)
			((held >= 4)) && break
			# The tray rebuilds its menu when what is due changes, and
			# then knows its items by new ids: a click on an old id is
			# lost ("no menu item with ID"). Read the menu and click again.
			lost=$(grep -c 'no menu item with ID' "$SMOKE_OUT/$name.log" || true)
			if ((lost > retried)); then
				retried=$lost
				read_tray_menu && tray_click "Refresh now"
			fi
			sleep 0.1
		done
		((held >= 4)) || fail_check "the refresh never reached the slow feeds ($held held)"
		t0=$(now_ms)
		kill -TERM "$run_pid" 2>/dev/null || true
		await_exit "$QUIT_TIMEOUT" "SIGTERM mid refresh ($held requests held)"
		ms=$(($(now_ms) - t0))
		((ms <= 2000)) || fail_check "exited ${ms} ms after SIGTERM mid refresh, want within 2000 ms"
		check_db "$db"
		if "$SMOKE_BIN" --db "$db" check >"$SMOKE_OUT/$name.check.txt" 2>&1; then
			say "  knowflow check: $(grep -E '^(integrity|sources|items):' "$SMOKE_OUT/$name.check.txt" | tr -s ' ' | paste -sd, -)"
		else
			fail_check "knowflow check failed after SIGTERM mid refresh: $(cat "$SMOKE_OUT/$name.check.txt")"
		fi
	else
		kill_app
	fi
	finish_run
}

# stall_run NAME: the stall meter (kfbench -stall): a plain (not race)
# build of the window on 100,000 items, driven with xdotool (a folder, j/k
# through 50 items, a search, Share, People, Flow) while `knowflow
# refresh` of 1,000 loopback feeds runs beside it. It says the UI
# goroutine's worst wait and p99, and the tasks of ours over 20 ms. It
# fails when a wait exceeds SMOKE_STALL_MAX: 100 ms, the issue's aim. On
# two cores the refresh keeps busy the worst wait is 37-74 ms in 15 of 17
# runs (December 2026; the others 95 and 126 ms): the reader's body wrapped from cached rune widths
# (ui/bodytext.go) and shown in pieces a frame apart, background work
# holding still while the user acts (model/cpus/yield.go).
stall_run() {
	run_name=$1 run_log="$SMOKE_OUT/$1.log" run_errors=() run_start=$(now_ms)
	say "$run_name: kfbench -stall -feeds 1000 -items 100 (max ${SMOKE_STALL_MAX:-100ms})"
	if "$SMOKE_SERVE" -knowflow "$SMOKE_PLAIN" -stall -feeds 1000 -items 100 -stall-max "${SMOKE_STALL_MAX:-100ms}" >"$run_log" 2>&1; then
		say "  $(grep -m1 '^kfbench: stall: [0-9]* probes' "$run_log" | sed 's/^kfbench: stall: //') [fails over ${SMOKE_STALL_MAX:-100ms}]"
		grep '^kfbench: slow task' "$run_log" | sed 's/^kfbench: /  /' | head -n 5 || true
	else
		fail_check "$(tail -n 1 "$run_log")"
	fi
	finish_run
}

# second_launch_run NAME: the window started --hidden (as at login) has no
# window on screen, only its tray item; `knowflow sources` works beside it;
# a second `knowflow --section people` on the same database exits 0 at
# once and the first shows its window on People.
second_launch_run() {
	local name=$1 db="$SMOKE_TMP/knowflow.db" rc=0
	launch "$name" --hidden --db "$db"
	if wait_line 'knowflow: started hidden in the tray' && find_tray; then
		! window_mapped || fail_check "a window is on screen after --hidden"
		"$SMOKE_BIN" --db "$db" sources >"$SMOKE_OUT/$name.sources.txt" 2>&1 ||
			fail_check "knowflow sources beside the window failed: $(cat "$SMOKE_OUT/$name.sources.txt")"
		timeout 10 "$SMOKE_BIN" --db "$db" --section people >"$SMOKE_OUT/$name.second.log" 2>&1 || rc=$?
		((rc == 0)) || fail_check "the second launch exited $rc: $(cat "$SMOKE_OUT/$name.second.log")"
		say "  second launch: $(head -n1 "$SMOKE_OUT/$name.second.log")"
		wait_line 'knowflow: another launch asked for the window' && sleep "$SETTLE" && check_window
		kill -TERM "$run_pid" 2>/dev/null || true
		await_exit "$QUIT_TIMEOUT" SIGTERM
		check_db "$db"
	else
		kill_app
	fi
	finish_run
}

# start_error_run NAME: --db on a file that is not Knowflow's: a window
# titled "Knowflow cannot start" says why, the file is left untouched.
start_error_run() {
	local name=$1 bad="$SMOKE_TMP/notes.txt"
	echo "not a database" >"$bad"
	launch "$name" --db "$bad"
	if wait_line 'knowflow: start-up error shown'; then
		sleep "$SETTLE"
		xwininfo -root -tree | grep -q '"Knowflow cannot start"' || fail_check 'no window titled "Knowflow cannot start"'
		import -window root "$SMOKE_OUT/$name.png" 2>>"$SMOKE_OUT/import.log" && say "  screenshot $SMOKE_OUT/$name.png"
		grep -q "is not a SQLite database" "$run_log" || fail_check "stderr does not say why"
		kill -TERM "$run_pid" 2>/dev/null || true
		wait "$run_pid" 2>/dev/null || true
		[[ "$(cat "$bad")" == "not a database" ]] || fail_check "the file was changed"
	else
		kill_app
	fi
	run_pid=""
	finish_run
}

wait_line() { # TEXT: until the app's log has TEXT; false if it dies or times out
	local end=$((SECONDS + SHOWN_TIMEOUT))
	while ((SECONDS < end)); do
		grep -qF "$1" "$run_log" && return 0
		kill -0 "$run_pid" 2>/dev/null || { fail_check "exited before saying '$1'"; return 1; }
		sleep 0.2
	done
	fail_check "no '$1' on stderr within ${SHOWN_TIMEOUT} s"
	return 1
}

window_mapped() { xwininfo -root -tree 2>/dev/null | grep -qE '^ +0x[0-9a-f]+ "Knowflow"'; }

# ======================================================================================
# Outside: build, temp dirs, Xvfb, then the session.
# ======================================================================================
if [[ "${1:-}" == --in-session ]]; then
	in_session
	exit
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ROOT=$PWD
# Plain English, whatever the caller's locale. LANGUAGE too: with LANG=C.UTF-8
# alone Fyne logs "Error parsing user locale C" (its locale lookup reads
# LANGUAGE, and otherwise turns C.UTF-8 into "C").
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8 LANGUAGE=en
[[ -n "$(command -v go)" || ! -x /usr/local/go/bin/go ]] || PATH=/usr/local/go/bin:$PATH

missing=()
for c in Xvfb dbus-run-session gdbus xwininfo import identify dunst status-notifier-watcher; do
	command -v "$c" >/dev/null || missing+=("$c")
done
((${#missing[@]} == 0)) || { say "missing ${missing[*]}: run 'bash .ci/deps.sh smoke'"; exit 1; }

export SMOKE_OUT="$ROOT/build/smoke"
mkdir -p "$SMOKE_OUT"
rm -f "$SMOKE_OUT"/*.png "$SMOKE_OUT"/*.log "$SMOKE_OUT"/*.stdout "$SMOKE_OUT"/*.txt

t_build=$(now_ms)
if [[ -n "${KNOWFLOW_SMOKE_BIN:-}" ]]; then
	SMOKE_BIN=$(realpath "$KNOWFLOW_SMOKE_BIN")
	say "using $SMOKE_BIN"
else
	SMOKE_BIN="$SMOKE_OUT/knowflow-race"
	say "go build -race -o build/smoke/knowflow-race ./cmd/knowflow"
	go build -race -o "$SMOKE_BIN" ./cmd/knowflow
	say "built in $(secs_since "$t_build") s"
fi
[[ -x "$SMOKE_BIN" ]] || { say "no binary at $SMOKE_BIN"; exit 1; }
export SMOKE_BIN
# The loopback feed server for seed_data (built now, while HOME still holds
# the Go build cache).
export SMOKE_SERVE="$SMOKE_OUT/kfserve"
go build -o "$SMOKE_SERVE" ./cmd/kfbench
# The stall run measures a plain build (the race detector's own cost is
# not the window's).
export SMOKE_PLAIN="$SMOKE_OUT/knowflow"
if [[ -n "${KNOWFLOW_SMOKE_BIN:-}" ]]; then
	SMOKE_PLAIN=$SMOKE_BIN
else
	go build -o "$SMOKE_PLAIN" ./cmd/knowflow
fi

SMOKE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/knowflow-smoke.XXXXXX")
export SMOKE_TMP
xvfb_pid=""
session_pid=""
cleanup() {
	local rc=$?
	if [[ -n "$session_pid" ]] && kill -0 "$session_pid" 2>/dev/null; then
		kill -TERM -- "-$session_pid" 2>/dev/null || kill -TERM "$session_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$session_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL -- "-$session_pid" 2>/dev/null || true
		wait "$session_pid" 2>/dev/null || true
	fi
	[[ -z "$xvfb_pid" ]] || { kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; }
	if [[ "${SMOKE_KEEP_TMP:-}" == 1 ]]; then
		say "kept $SMOKE_TMP"
	else
		rm -rf "$SMOKE_TMP"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private HOME and XDG dirs: Fyne's preferences, the default database path
# and anything else the app or dunst writes stay in the temp dir.
export HOME="$SMOKE_TMP/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$SMOKE_TMP/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset KNOWFLOW_DB DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY XAUTHORITY
# No "Start at login?" question over the screenshots, no autostart entry.
export KNOWFLOW_AUTOSTART=off

# Xvfb picks a free display itself and writes its number to fd 9.
Xvfb -displayfd 9 -screen 0 "$SCREEN" -nolisten tcp -noreset \
	9>"$SMOKE_TMP/display" >"$SMOKE_OUT/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
	[[ -s "$SMOKE_TMP/display" ]] && break
	kill -0 "$xvfb_pid" 2>/dev/null || break
	sleep 0.1
done
[[ -s "$SMOKE_TMP/display" ]] || { say "Xvfb did not start"; cat "$SMOKE_OUT/xvfb.log"; exit 1; }
DISPLAY=":$(tr -dc 0-9 <"$SMOKE_TMP/display")"
export DISPLAY

# The session in its own process group, so that cleanup can end all of it
# (bus, watcher, dunst, the app) even when this script is stopped midway.
setsid -w dbus-run-session -- bash "$ROOT/.ci/smoke.sh" --in-session &
session_pid=$!
wait "$session_pid"
