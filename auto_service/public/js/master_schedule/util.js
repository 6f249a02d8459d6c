// Shared constants and small pure helpers of the masters' schedule: dates as "YYYY-MM-DD", times as minutes
// since midnight, names and durations as staff read them, and HTML escaping of anything staff typed.

export const ACTIVE = ["Booked", "Confirmed", "Arrived", "In Work"];
export const STATUSES = [...ACTIVE, "Done", "No-show", "Cancelled"];
// the status buttons a visit's dialog offers, by its current status
export const NEXT_STATUSES = {
	Booked: ["Confirmed", "Arrived", "No-show", "Cancelled"],
	Confirmed: ["Arrived", "No-show", "Cancelled"],
	Arrived: ["Cancelled"],
	"No-show": ["Booked"],
	Cancelled: ["Booked"],
};
export const CHANNELS = ["", "Phone", "Walk-in", "Website", "Messenger", "Repeat Visit", "Other"];
// a booking made a few minutes "late" is still accepted by the server (PAST_GRACE_MINUTES)
export const PAST_GRACE = 10;
export const STORAGE_KEY = "auto_service.master_schedule";
export const DRAG_THRESHOLD = 6;
export const MAX_DURATION = 8 * 60;

export const pad = (n) => String(n).padStart(2, "0");
export const to_min = (text) => {
	const [h, m] = String(text || "0:0").split(":");
	return parseInt(h, 10) * 60 + parseInt(m || 0, 10);
};
export const fmt_min = (m) => `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`;
export const date_of = (dt) => String(dt).slice(0, 10);
export const add_days = (date, n) =>
	moment(date, "YYYY-MM-DD").add(n, "days").format("YYYY-MM-DD");
export const days_between = (a, b) =>
	moment(b, "YYYY-MM-DD").diff(moment(a, "YYYY-MM-DD"), "days");
// minutes of a "YYYY-MM-DD HH:MM:SS" moment, counted from the midnight that starts `day`
export const min_on = (day, dt) =>
	days_between(day, date_of(dt)) * 1440 + to_min(String(dt).slice(11, 16));
export const dt_str = (day, m) => `${add_days(day, Math.floor(m / 1440))} ${fmt_min(m % 1440)}:00`;
// every value staff or clients typed (names, plates, complaints, notes) goes through this into HTML
export const esc = (text) => frappe.utils.escape_html(text == null ? "" : String(text));
export const status_class = (status) =>
	"status-" + String(status).toLowerCase().replace(/\W+/g, "-");

export const weekday_names = () => [
	__("Monday"),
	__("Tuesday"),
	__("Wednesday"),
	__("Thursday"),
	__("Friday"),
	__("Saturday"),
	__("Sunday"),
];
export const weekday_short = () => [
	__("Mon"),
	__("Tue"),
	__("Wed"),
	__("Thu"),
	__("Fri"),
	__("Sat"),
	__("Sun"),
];
export const iso_weekday = (date) => moment(date, "YYYY-MM-DD").isoWeekday() - 1;
export const user_date = (date) => frappe.datetime.str_to_user(date);
// the user's date format without the year: 01.12
export const user_day_month = (date) =>
	user_date(date)
		.replace(/[.\-/ ]?\d{4}[.\-/ ]?/, "")
		.trim();
export const short_name = (full) => {
	const parts = String(full || "")
		.split(/\s+/)
		.filter(Boolean);
	return parts.length > 1 ? `${parts[0]} ${parts[1][0]}.` : parts[0] || "";
};
export const first_word = (text) =>
	String(text || "")
		.trim()
		.split(/\s+/)[0] || "";
// two letters for a column a compact week has no room for a name in: «Алексей Кузнецов» -> «АК»
export const initials = (full) =>
	String(full || "")
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0].toUpperCase())
		.join("");
export const fmt_duration = (m) => {
	const h = Math.floor(m / 60);
	const rest = m % 60;
	if (!h) return __("{0} min", [rest]);
	if (!rest) return __("{0} h", [h]);
	return __("{0} h {1} min", [h, rest]);
};
// the arguments that have a value: the server's defaults apply to the rest
export const compact = (args) => {
	const out = {};
	for (const [key, value] of Object.entries(args)) {
		if (value !== undefined && value !== null && value !== "") out[key] = value;
	}
	return out;
};
