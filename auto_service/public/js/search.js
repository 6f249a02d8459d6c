// The awesome bar also finds clients and cars: phone in any spelling, plate in Cyrillic or Latin
// look-alikes, VIN or its last characters, name (auto_service.api.search.search).
//
// Frappe has no registry for extra awesome-bar results, so this wraps AwesomeBar.add_defaults — the
// method frappe calls on every (debounced) keystroke with the typed text — and, when the answer comes
// back for the text still typed, adds the results to the open list. If a later Frappe renames the
// method, the wrap is skipped and the desk keeps its own search (the workspace's search box still works).
frappe.provide("auto_service.search");

auto_service.search.looks_like_client_query = function (txt) {
	// phone / plate / VIN / name: at least two characters, not a desk command (#tag, =calc, "new ...")
	return txt && txt.length >= 2 && !/^[#=]/.test(txt);
};

auto_service.search.find = function (txt, limit = 8) {
	return frappe.xcall("auto_service.api.search.search", { query: txt, limit }, "GET");
};

auto_service.search.route = function (row) {
	return ["Form", row.doctype, row.name];
};

(function wrap_awesome_bar() {
	const AwesomeBar = frappe.search && frappe.search.AwesomeBar;
	if (!AwesomeBar || typeof AwesomeBar.prototype.add_defaults !== "function") return;
	if (AwesomeBar.prototype.as_wrapped) return;
	const add_defaults = AwesomeBar.prototype.add_defaults;
	AwesomeBar.prototype.as_wrapped = true;
	AwesomeBar.prototype.add_defaults = function (txt) {
		add_defaults.call(this, txt);
		if (!auto_service.search.looks_like_client_query(txt)) return;
		if (!frappe.model.can_read("Customer")) return;
		const input = this.awesomplete && this.awesomplete.input;
		auto_service.search
			.find(txt)
			.then((rows) => {
				if (!rows || !rows.length || !input) return;
				const typed = input.value.trim().replace(/\s\s+/g, " ");
				if (typed !== txt) return; // the user typed on: a newer answer is coming
				const options = rows.map((row) => ({
					label: `<span class="as-search-hit">${frappe.utils.escape_html(
						row.label
					)}</span>`,
					value: `${row.label} ${row.name}`,
					description: frappe.utils.escape_html(row.description || __(row.doctype)),
					route: auto_service.search.route(row),
					index: 200, // above "Search for ..."
				}));
				this.options = options.concat(this.options || []);
				this.awesomplete.list = this.deduplicate(this.options);
				this.awesomplete.evaluate();
			})
			.catch(() => {});
	};
})();

// The search box on the «Автосервис» workspace (Custom HTML Block «Auto Service Search», made by
// setup/install.py): its script only calls this, so the box's behaviour ships with the app's code.
auto_service.search.mount = function (root) {
	const box = root.querySelector(".as-search");
	if (!box || box.dataset.ready) return;
	box.dataset.ready = "1";
	box.innerHTML = `
		<input type="search" class="form-control as-search-input" autocomplete="off"
			placeholder="${frappe.utils.escape_html(
				__("Find a client or a car: phone, plate, VIN or its last digits, name")
			)}">
		<div class="as-search-results list-group"></div>`;
	const input = box.querySelector(".as-search-input");
	const results = box.querySelector(".as-search-results");
	const e = frappe.utils.escape_html;
	const show = (rows, txt) => {
		if (input.value.trim() !== txt) return;
		results.innerHTML = rows.length
			? rows
					.map(
						(row) => `<a class="list-group-item list-group-item-action as-search-hit"
						href="/app/${frappe.router.slug(row.doctype)}/${encodeURIComponent(row.name)}">
						<b>${e(row.label)}</b>
						<span class="text-muted"> · ${e(__(row.doctype))}</span>
						<div class="text-muted small">${e(row.description || "")}</div></a>`
					)
					.join("")
			: `<div class="list-group-item text-muted">${__("Nothing found")}</div>`;
	};
	const run = frappe.utils.debounce(() => {
		const txt = input.value.trim();
		if (txt.length < 2) {
			results.innerHTML = "";
			return;
		}
		auto_service.search
			.find(txt, 10)
			.then((rows) => show(rows || [], txt))
			.catch(() => {});
	}, 250);
	input.addEventListener("input", run);
	input.addEventListener("keydown", (ev) => {
		if (ev.key === "Enter") {
			const first = results.querySelector("a.as-search-hit");
			if (first) {
				ev.preventDefault();
				frappe.set_route(first.getAttribute("href").replace(/^\/app\//, ""));
			}
		}
	});
	results.addEventListener("click", (ev) => {
		const a = ev.target.closest("a.as-search-hit");
		if (!a) return;
		ev.preventDefault();
		frappe.set_route(a.getAttribute("href").replace(/^\/app\//, ""));
	});
};
