# The calendar half of time (gmtime, strftime, asctime, mktime, strptime via the Lib, the
# struct_time type) and the Lib modules it unblocks. Independent of the time zone.
import time
t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t[0], t.tm_zone, t.tm_gmtoff, len(t), tuple(t))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", t))
print(time.asctime(t), time.asctime(time.gmtime(0)))
print(time.mktime(time.localtime(1700000000)) == 1700000000)
print(time.strptime("2024-03-05 10:11:12", "%Y-%m-%d %H:%M:%S"))
print(type(time.timezone).__name__, type(time.tzname).__name__, time.daylight in (0, 1))
for bad in ((1, 2), (2024, 13, 1, 0, 0, 0, 0, 1, 0)):
    try:
        time.strftime("%Y", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)))
import logging, concurrent.futures, unittest
print(logging.getLevelName(logging.WARNING), logging.getLogger("x").getEffectiveLevel())
print("imports ok")
