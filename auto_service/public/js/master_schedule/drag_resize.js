// Drag a visit to another time, master or day, or drag its lower edge to change its duration. A ghost
// shows where it would go (red where the page expects a refusal); on drop the server decides and the
// grid reloads: a refused block goes back where it was. A press without movement opens the visit.

import {
	ACTIVE,
	DRAG_THRESHOLD,
	MAX_DURATION,
	dt_str,
	esc,
	fmt_min,
	short_name,
	user_day_month,
} from "./util";

export class DragResize {
	constructor(schedule, grid) {
		this.schedule = schedule;
		this.grid = grid;
		this.drag = null; // the gesture under way
		this.saving = false; // a move sent and not yet answered
		const el = grid.$grid.get(0);
		el.addEventListener("pointerdown", (e) => this.on_pointer_down(e));
		el.addEventListener("pointermove", (e) => this.on_pointer_move(e));
		el.addEventListener("pointerup", (e) => this.on_pointer_up(e));
		el.addEventListener("pointercancel", (e) => this.on_pointer_cancel(e));
		el.addEventListener("lostpointercapture", (e) => this.on_pointer_cancel(e));
		document.addEventListener("keydown", (e) => {
			if (e.key === "Escape" && this.drag) {
				const d = this.drag;
				this.drag = null;
				this.end_drag(d);
			}
		});
	}

	on_pointer_down(e) {
		const el = e.target.closest(".ms-slot");
		if (!el || this.drag || this.saving) return;
		if (e.pointerType === "mouse" && e.button !== 0) return;
		const geom = this.grid.geom;
		const slot = this.grid.slots_by_name[el.dataset.slot];
		if (!slot || !geom) return;
		const col_el = el.closest(".ms-col");
		const rect = col_el.getBoundingClientRect();
		const pointer_min = geom.from + (e.clientY - rect.top) / geom.ppm;
		this.drag = {
			el,
			slot,
			pointer_id: e.pointerId,
			mode: e.target.closest(".ms-slot-resize") ? "resize" : "move",
			x0: e.clientX,
			y0: e.clientY,
			started: false,
			moved: false,
			col: +col_el.dataset.idx,
			grab: pointer_min - slot.start,
			target: null,
		};
		try {
			el.setPointerCapture(e.pointerId);
		} catch (err) {
			// capture is a nicety: moves still reach the grid
		}
		e.preventDefault();
	}

	on_pointer_move(e) {
		const d = this.drag;
		if (!d || e.pointerId !== d.pointer_id) return;
		if (!d.started) {
			if (Math.hypot(e.clientX - d.x0, e.clientY - d.y0) < DRAG_THRESHOLD) return;
			d.moved = true;
			if (!ACTIVE.includes(d.slot.status) || !this.schedule.can_edit) return;
			d.started = true;
			d.el.classList.add("is-dragging");
			this.grid.$grid.addClass("is-dragging");
			d.ghost = document.createElement("div");
			d.ghost.className = "ms-ghost";
		}
		if (!d.started) return;
		e.preventDefault();
		this.autoscroll(e);
		const target = this.drag_target(e, d);
		if (!target) return;
		d.target = target;
		this.draw_ghost(d, target);
	}

	draw_ghost(d, target) {
		const g = this.grid.geom;
		if (d.ghost.parentNode !== target.col_el) target.col_el.appendChild(d.ghost);
		d.ghost.style.top = `${(target.start - g.from) * g.ppm}px`;
		d.ghost.style.height = `${Math.max((target.end - target.start) * g.ppm - 2, 16)}px`;
		const moved_master = target.col.master.name !== d.slot.master;
		const elsewhere = moved_master || target.col.day !== g.columns[d.col].day;
		d.ghost.innerHTML = `
			<div class="ms-ghost-time">${fmt_min(target.start)}–${fmt_min(target.end)}</div>
			${
				elsewhere
					? `<div class="ms-ghost-sub">${esc(
							short_name(target.col.master.employee_name)
					  )}${g.week ? `, ${user_day_month(target.col.day)}` : ""}</div>`
					: ""
			}`;
		d.ghost.classList.toggle("is-invalid", !this.place_ok(target, d.slot));
		// narrow columns show the label beside the box: on the left in the right half of the grid, so
		// that a label by the last column does not widen the page and make it scroll sideways
		const grid_box = this.grid.$grid.get(0).getBoundingClientRect();
		const col_box = target.col_el.getBoundingClientRect();
		d.ghost.classList.toggle(
			"is-flipped",
			col_box.left + col_box.width / 2 > grid_box.left + grid_box.width / 2
		);
	}

	// the column and the snapped start/end under the pointer (a resize stays in its own column)
	drag_target(e, d) {
		const g = this.grid.geom;
		const col_els = this.grid.$grid.get(0).querySelectorAll(".ms-col");
		let col_el = col_els[d.col];
		if (d.mode === "move") {
			let best = null;
			let best_dist = Infinity;
			col_els.forEach((el) => {
				const r = el.getBoundingClientRect();
				const dist =
					e.clientX < r.left
						? r.left - e.clientX
						: e.clientX >= r.right
						? e.clientX - r.right + 1
						: 0;
				if (dist < best_dist) {
					best = el;
					best_dist = dist;
				}
			});
			col_el = best || col_el;
		}
		if (!col_el) return null;
		const col = g.columns[+col_el.dataset.idx];
		const rect = col_el.getBoundingClientRect();
		const pointer_min = g.from + (e.clientY - rect.top) / g.ppm;
		const snap = (m) => Math.round(m / g.step) * g.step;
		const duration = d.slot.end - d.slot.start;
		let start;
		let end;
		if (d.mode === "move") {
			start = snap(pointer_min - d.grab);
			start = Math.min(Math.max(start, g.from), Math.max(g.from, g.to - duration));
			end = start + duration;
		} else {
			start = d.slot.start;
			end = Math.max(start + g.step, snap(pointer_min));
			end = Math.min(end, Math.max(g.to, d.slot.end), start + MAX_DURATION * 2);
		}
		return { col, col_el, start, end };
	}

	// the client's own guess, for the ghost's colour only: the server decides on drop
	place_ok(target, slot) {
		const { col, start, end } = target;
		const working = col.working.some(([s, e]) => s <= start && end <= e);
		const overlap = col.slots.some(
			(s) =>
				s.name !== slot.name && ACTIVE.includes(s.status) && s.start < end && s.end > start
		);
		const past = dt_str(col.day, start).slice(0, 16) < this.schedule.now_limit();
		return working && !overlap && !past;
	}

	autoscroll(e) {
		const box = this.grid.$scroll.get(0);
		const r = box.getBoundingClientRect();
		const edge = 32;
		const speed = 16;
		if (e.clientY < r.top + this.grid.head_height() + edge) box.scrollTop -= speed;
		else if (e.clientY > r.bottom - edge) box.scrollTop += speed;
		if (e.clientX < r.left + 56 + edge) box.scrollLeft -= speed;
		else if (e.clientX > r.right - edge) box.scrollLeft += speed;
	}

	on_pointer_up(e) {
		const d = this.drag;
		if (!d || e.pointerId !== d.pointer_id) return;
		this.drag = null;
		try {
			d.el.releasePointerCapture(e.pointerId);
		} catch (err) {
			// already released
		}
		if (!d.started) {
			if (!d.moved) this.schedule.visit_dialog.open(d.slot);
			this.schedule.reload_if_pending();
			return;
		}
		this.grid.swallow_next_click();
		const t = d.target;
		const unchanged =
			!t || (t.col.idx === d.col && t.start === d.slot.start && t.end === d.slot.end);
		if (unchanged) {
			this.end_drag(d);
			return;
		}
		this.save_move(d, t);
	}

	on_pointer_cancel(e) {
		const d = this.drag;
		if (!d || e.pointerId !== d.pointer_id) return;
		this.drag = null;
		this.end_drag(d);
	}

	end_drag(d) {
		if (d.ghost) d.ghost.remove();
		d.el.classList.remove("is-dragging");
		this.grid.$grid.removeClass("is-dragging");
		this.schedule.reload_if_pending();
	}

	save_move(d, t) {
		const s = this.schedule;
		const slot = d.slot;
		const args = {
			slot: slot.name,
			starts_on: dt_str(t.col.day, t.start),
			ends_on: dt_str(t.col.day, t.end),
		};
		if (t.col.master.name !== slot.master) args.master = t.col.master.name;
		d.ghost.classList.add("is-saving");
		this.saving = true;
		return s.api
			.move(args)
			.then(() => {
				frappe.show_alert({
					message: __("{0}: moved to {1}", [
						esc(slot.customer_name || slot.customer),
						`${user_day_month(t.col.day)} ${fmt_min(t.start)}–${fmt_min(t.end)}, ${esc(
							t.col.master.employee_name
						)}`,
					]),
					indicator: "green",
				});
				s.flash_slot = slot.name;
			})
			.catch(() => {
				// refused: the server's message is on screen; the block goes back where it was
			})
			.finally(() => {
				this.saving = false;
				this.end_drag(d);
				s.pending_reload = false;
				s.load();
			});
	}
}
