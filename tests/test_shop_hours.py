from datetime import time, timedelta

import pytest

from auto_service.i18n import RuleError
from auto_service.shop_hours import default_rows, to_time, weekly_hours


def test_break_splits_the_day():
	hours = weekly_hours(
		[
			{
				"weekday": "Tuesday",
				"open_time": "09:00:00",
				"close_time": "18:00",
				"has_break": 1,
				"break_from": "13:00",
				"break_to": "14:00",
			}
		]
	)
	assert hours == {1: [(time(9), time(13)), (time(14), time(18))]}


def test_break_times_without_the_break_tick_are_ignored():
	# frappe fills new Time fields with the current time: only the tick says there is a break
	row = {"weekday": "Monday", "open_time": "08:00", "close_time": "20:00", "break_from": "18:43:21.585"}
	assert weekly_hours([{**row, "break_to": "18:43:21.6"}]) == {0: [(time(8), time(20))]}


def test_time_values_come_in_every_frappe_shape():
	assert to_time(timedelta(hours=9, minutes=30)) == time(9, 30)
	assert to_time("18:45:00") == time(18, 45)
	assert to_time(time(7)) == time(7)
	assert to_time(None) is None


@pytest.mark.parametrize(
	"row",
	[
		{"weekday": "Funday", "open_time": "09:00", "close_time": "18:00"},
		{"weekday": "Monday", "open_time": "18:00", "close_time": "09:00"},
		{
			"weekday": "Monday",
			"open_time": "09:00",
			"close_time": "18:00",
			"has_break": 1,
			"break_from": "19:00",
			"break_to": "20:00",
		},
	],
)
def test_bad_rows_are_refused(row):
	with pytest.raises(RuleError):
		weekly_hours([row])


def test_default_shop_is_closed_on_sunday():
	hours = weekly_hours(default_rows())
	assert set(hours) == {0, 1, 2, 3, 4, 5}
	assert hours[0] == [(time(9), time(13)), (time(14), time(19))]


def test_longest_day_spans_first_opening_to_last_closing_over_all_weeks():
	from datetime import time, timedelta

	from auto_service.shop_hours import longest_day, weekly_hours

	shop = weekly_hours(
		[
			{
				"weekday": "Monday",
				"open_time": time(9),
				"close_time": time(19),
				"has_break": 1,
				"break_from": time(13),
				"break_to": time(14),
			}
		]
	)
	own = weekly_hours([{"weekday": "Saturday", "open_time": time(8), "close_time": time(20, 30)}])
	assert longest_day(shop) == timedelta(hours=10)
	assert longest_day(shop, own) == timedelta(hours=12, minutes=30)
	assert longest_day({}) == timedelta(0)
