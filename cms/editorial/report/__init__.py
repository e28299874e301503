"""The 解读情况 admin report (data, views, CSV) and the holiday list's admin."""
