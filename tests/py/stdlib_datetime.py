# datetime: dates, times, arithmetic, formatting, parsing, time zones.
import datetime as dt

d = dt.date(2024, 2, 28)
print(d, d + dt.timedelta(days=2), d.weekday(), d.isoweekday(), tuple(d.isocalendar()))
print(d.strftime("%A %d %B %Y, day %j"), d.replace(year=2023).isoformat())
print(dt.date.fromisoformat("2021-12-31").toordinal(), dt.date.fromordinal(738000))
t = dt.datetime(2024, 3, 10, 14, 5, 9, 123456)
print(t, repr(t), t.isoformat(timespec="milliseconds"))
print(t.strftime("%Y/%m/%d %H:%M:%S.%f %p"), t.date(), t.time())
print(dt.datetime.strptime("2020-07-04 09:30", "%Y-%m-%d %H:%M"))
print(dt.datetime.fromisoformat("2011-11-04T00:05:23+04:00"))
delta = dt.datetime(2025, 1, 1) - t
print(delta, delta.days, delta.seconds, delta.total_seconds())
print(dt.timedelta(hours=-1, minutes=30), dt.timedelta(weeks=1) // dt.timedelta(days=3))
print(abs(dt.timedelta(days=-2, seconds=5)), dt.timedelta(seconds=1.5) * 3)
utc = dt.timezone.utc
est = dt.timezone(dt.timedelta(hours=-5), "EST")
a = dt.datetime(2024, 6, 1, 12, 0, tzinfo=utc)
print(a, a.astimezone(est), a.astimezone(est).tzname(), a.utcoffset())
print(a.timestamp(), dt.datetime.fromtimestamp(0, utc))
print(sorted([dt.date(2020, 1, 2), dt.date(2019, 5, 5), dt.date(2020, 1, 1)]))
print(dt.time(23, 59, 59).replace(second=0), dt.time.fromisoformat("04:23:01.000384"))
print(dt.date.max, dt.date.min, dt.timedelta.resolution)
try:
    dt.date(2023, 2, 29)
except ValueError:
    print("ValueError")
