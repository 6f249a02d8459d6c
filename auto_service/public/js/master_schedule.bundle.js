// The masters' schedule page (/app/master-schedule), loaded by the page with frappe.require. Its parts:
//   master_schedule/controller.js      the page's state and loading; wires the parts together
//   master_schedule/api.js             every server call (auto_service.api.schedule, client search)
//   master_schedule/toolbar.js         date navigation, day/week, masters filter; the legend
//   master_schedule/grid_layout.js     columns, lanes and time range as numbers (no DOM)
//   master_schedule/time_grid.js       drawing the grid, visits, candidates, "now"; scrolling; clicks
//   master_schedule/drag_resize.js     moving and resizing a visit with the pointer
//   master_schedule/booking_dialog.js  booking a visit: client search, new client, car, time
//   master_schedule/find_time.js       «Find a Time»: request dialog and the candidates' note
//   master_schedule/visit_dialog.js    a visit's details, status changes and its repair order
//   master_schedule/util.js            constants and small date/time/escaping helpers

import { MasterScheduleController } from "./master_schedule/controller";

frappe.provide("auto_service.master_schedule");
auto_service.master_schedule.Controller = MasterScheduleController;
