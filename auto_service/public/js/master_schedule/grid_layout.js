// Where things go on the grid, as plain numbers: one column per (day, master) with its working intervals,
// visits and find-a-time candidates in minutes since midnight, side-by-side lanes for overlapping blocks,
// and the time range the grid must show. No DOM here.

import { ACTIVE, date_of, min_on } from "./util";

function working_on(data, master, day) {
	const intervals = (data.working && data.working[master]) || [];
	return intervals
		.filter(([start]) => date_of(start) === day)
		.map(([start, end]) => [min_on(day, start), min_on(day, end)]);
}

// columns of the days on screen, each with its master's working time, visits and candidates;
// slots_by_name finds a visit's block data from its DOM element
export function build_columns(data, days, found) {
	const columns = [];
	for (const day of days) {
		for (const master of data.masters) {
			columns.push({
				idx: columns.length,
				day,
				master,
				working: working_on(data, master.name, day),
				slots: [],
				candidates: [],
			});
		}
	}
	const by_key = {};
	for (const col of columns) by_key[`${col.day}|${col.master.name}`] = col;
	const slots_by_name = {};
	for (const slot of data.slots || []) {
		const day = date_of(slot.starts_on);
		const col = by_key[`${day}|${slot.master}`];
		if (!col) continue;
		const item = {
			...slot,
			start: min_on(day, slot.starts_on),
			end: min_on(day, slot.ends_on),
			col: col.idx,
		};
		col.slots.push(item);
		slots_by_name[slot.name] = item;
	}
	((found && found.candidates) || []).forEach((cand, rank) => {
		const day = date_of(cand.starts_on);
		const col = by_key[`${day}|${cand.master}`];
		if (!col) return;
		col.candidates.push({
			...cand,
			rank,
			start: min_on(day, cand.starts_on),
			end: min_on(day, cand.ends_on),
		});
	});
	for (const col of columns) {
		layout_lanes(col.slots);
		layout_lanes(col.candidates);
	}
	return { columns, slots_by_name };
}

// side-by-side lanes for visits that overlap (a cancelled visit and the new one in its time)
export function layout_lanes(slots) {
	slots.sort(
		(a, b) =>
			a.start - b.start ||
			ACTIVE.includes(b.status) - ACTIVE.includes(a.status) ||
			b.end - a.end
	);
	let cluster = [];
	let cluster_end = -Infinity;
	let lane_ends = [];
	const close = () => {
		const lanes = Math.max(...cluster.map((s) => s.lane)) + 1;
		cluster.forEach((s) => (s.lanes = lanes));
	};
	for (const slot of slots) {
		if (cluster.length && slot.start >= cluster_end) {
			close();
			cluster = [];
			lane_ends = [];
		}
		let lane = lane_ends.findIndex((end) => end <= slot.start);
		if (lane < 0) {
			lane = lane_ends.length;
			lane_ends.push(slot.end);
		} else {
			lane_ends[lane] = slot.end;
		}
		slot.lane = lane;
		cluster.push(slot);
		cluster_end = Math.max(cluster_end, slot.end);
	}
	if (cluster.length) close();
}

// the rows to draw: all working time, visits and candidates, on whole steps (09:00-19:00 if none)
export function time_range(columns, step) {
	let from = Infinity;
	let to = -Infinity;
	for (const col of columns) {
		for (const [start, end] of col.working) {
			from = Math.min(from, start);
			to = Math.max(to, end);
		}
		for (const item of [...col.slots, ...col.candidates]) {
			from = Math.min(from, item.start);
			to = Math.max(to, item.end);
		}
	}
	if (!isFinite(from)) {
		from = 9 * 60;
		to = 19 * 60;
	}
	from = Math.max(0, Math.floor(from / step) * step);
	to = Math.min(24 * 60, Math.ceil(to / step) * step);
	return { from, to: Math.max(to, from + step) };
}
