// The schedule page's only way to the server: one method per call of auto_service.api.schedule (and the
// client search). The server decides every booking and move; a refusal arrives as its own message.

const SCHEDULE = "auto_service.api.schedule.";

export class ScheduleApi {
	get_schedule({ start, days, masters }) {
		return frappe.xcall(SCHEDULE + "get_schedule", {
			start,
			days,
			masters: masters && masters.length ? masters : undefined,
		});
	}

	book(args) {
		return frappe.xcall(SCHEDULE + "book", args);
	}

	move(args) {
		return frappe.xcall(SCHEDULE + "move", args);
	}

	set_slot_status(slot, status) {
		return frappe.xcall(SCHEDULE + "set_slot_status", { slot, status });
	}

	make_repair_order(slot) {
		return frappe.xcall(SCHEDULE + "make_repair_order", { slot });
	}

	find_slots(request) {
		return frappe.xcall(SCHEDULE + "find_slots", request);
	}

	find_clients(query) {
		return frappe.xcall("auto_service.api.clients.find_clients", { query });
	}

	// the visit keeps the car chosen for its repair order
	set_slot_vehicle(slot, vehicle) {
		return frappe.xcall("frappe.client.set_value", {
			doctype: "Master Schedule Slot",
			name: slot,
			fieldname: "vehicle",
			value: vehicle,
		});
	}

	client_vehicles(customer, fields, limit) {
		return frappe.db.get_list("Customer Vehicle", {
			filters: { customer, is_active: 1 },
			fields,
			limit,
		});
	}

	customer_name(customer) {
		return frappe.db
			.get_value("Customer", customer, "customer_name")
			.then((r) => (r && r.message && r.message.customer_name) || customer);
	}
}
