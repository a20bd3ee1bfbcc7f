/*
 * The values of a session file's lines, read exactly as the writer writes
 * them: counts without signs or leading junk, 16-digit hashes, and times
 * in UTC.  Pure.
 */
#include "core/session_value.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Digits only, no sign, at most max (>= 0).  Rejects empty input, and
 * checks before each step so that no number of digits can overflow:
 * with max = 10 * lim + last, x * 10 + d stays within max exactly when x
 * is below lim, or is lim and d at most last.  One division per number,
 * not one per digit: a report reads thousands of counts a second.
 */
bool session_value_count(const char *v, size_t n, long max, long *out)
{
	if (n == 0)
		return false;
	long x = 0, lim = max / 10, last = max - lim * 10;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		int d = v[i] - '0';
		if (x > lim || (x == lim && d > last))
			return false;
		x = x * 10 + d;
	}
	*out = x;
	return true;
}

bool session_value_hash(const char *v, size_t n, uint64_t *out)
{
	if (n != 16)
		return false;
	uint64_t h = 0;
	for (size_t i = 0; i < n; i++) {
		int d;
		if (v[i] >= '0' && v[i] <= '9')
			d = v[i] - '0';
		else if (v[i] >= 'a' && v[i] <= 'f')
			d = v[i] - 'a' + 10;
		else
			return false;
		h = h << 4 | (uint64_t)d;
	}
	*out = h;
	return true;
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (the
 * "days from civil" arithmetic): plain integer maths, so the reader needs
 * neither timegm, which POSIX only gained in 2024, nor the TZ variable.
 * The year is shifted to start in March, so the leap day ends a year.
 */
static long long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;				    /* 0..399 */
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
	return (long long)era * 146097 + doe - 719468;
}

static bool leap_year(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DDTHH:MM:SSZ", a real calendar time in UTC. */
bool session_value_time(const char *v, size_t n, time_t *out)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	if (n != sizeof shape - 1)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool digit = v[i] >= '0' && v[i] <= '9';
		if (shape[i] == 'd' ? !digit : v[i] != shape[i])
			return false;
	}
	long f[6];
	static const int at[6] = {0, 5, 8, 11, 14, 17};
	static const int width[6] = {4, 2, 2, 2, 2, 2};
	for (int i = 0; i < 6; i++)
		session_value_count(v + at[i], (size_t)width[i], 9999, &f[i]);
	long y = f[0], mo = f[1], d = f[2];
	/* The writer cannot go below 1970, so neither may the reader; a
	 * date like 02-30 or a leap second is not one the writer makes. */
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap_year(y)) || f[3] > 23 ||
	    f[4] > 59 || f[5] > 59)
		return false;
	long long t = days_from_civil(y, mo, d) * 86400 + f[3] * 3600 +
		      f[4] * 60 + f[5];
	/* A 32-bit time_t ends in 2038. */
	if ((long long)(time_t)t != t)
		return false;
	*out = (time_t)t;
	return true;
}

/* The next space-separated number of v[*pos..n), within 0..max. */
bool session_value_next(const char *v, size_t n, size_t *pos, long max,
			long *out)
{
	size_t k = *pos, end = k;
	while (end < n && v[end] != ' ')
		end++;
	if (!session_value_count(v + k, end - k, max, out))
		return false;
	*pos = end < n ? end + 1 : end;
	return true;
}
