/*
 * Unit tests of qr: the matrix of a known URL has the size of its QR
 * version and the quiet zone, the three finder patterns where the
 * standard puts them, and the cells of two modules each have the
 * dimensions a terminal needs and say which half is dark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/error.h"
#include "net/qr.h"

/* 38 bytes in mixed case: QR version 3 (29 modules) at level L. */
#define URL "http://192.168.100.200:8080/xk3pq9wzab"

/* The 7x7 finder whose top left module is (x, y), and its light border. */
static void expect_finder(const struct qr *q, int x, int y)
{
	for (int dy = -1; dy <= 7; dy++)
		for (int dx = -1; dx <= 7; dx++) {
			int ring = dx < 0 || dy < 0 || dx > 6 || dy > 6;
			int edge = dx == 0 || dy == 0 || dx == 6 || dy == 6;
			int core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
			bool want = !ring && (edge || core);
			if (qr_dark(q, x + dx, y + dy) != want)
				fail_msg("finder at %d,%d: module %d,%d", x, y,
					 dx, dy);
		}
}

static void test_matrix(void **state)
{
	(void)state;
	struct qr q;
	struct error err;
	assert_int_equal(qr_make(&q, URL, QR_QUIET, &err), 0);
	assert_int_equal(q.size, 29 + 2 * QR_QUIET);
	assert_int_equal(q.quiet, QR_QUIET);
	int w = 29, z = QR_QUIET;
	expect_finder(&q, z, z);
	expect_finder(&q, z + w - 7, z);
	expect_finder(&q, z, z + w - 7);
	/* The quiet zone is light all round. */
	for (int i = 0; i < q.size; i++)
		for (int j = 0; j < z; j++) {
			assert_false(qr_dark(&q, i, j));
			assert_false(qr_dark(&q, j, i));
			assert_false(qr_dark(&q, i, q.size - 1 - j));
			assert_false(qr_dark(&q, q.size - 1 - j, i));
		}
	/* The timing pattern: row 6 of the symbol alternates. */
	for (int x = 8; x < w - 8; x++)
		assert_int_equal(qr_dark(&q, z + x, z + 6), x % 2 == 0);
	assert_false(qr_dark(&q, -1, 0));
	assert_false(qr_dark(&q, 0, q.size));
	qr_free(&q);
}

static void test_smaller_in_capitals(void **state)
{
	(void)state;
	struct qr lower, upper;
	struct error err;
	assert_int_equal(qr_make(&lower, URL, 0, &err), 0);
	assert_int_equal(qr_make(&upper,
				 "HTTP://192.168.100.200:8080/XK3PQ9WZAB", 0,
				 &err),
			 0);
	assert_int_equal(lower.size, 29);
	assert_int_equal(upper.size, 25);
	expect_finder(&upper, 0, 0);
	qr_free(&lower);
	qr_free(&upper);
}

static void test_cells(void **state)
{
	(void)state;
	struct qr q;
	struct error err;
	assert_int_equal(qr_make(&q, URL, QR_QUIET, &err), 0);
	int cols = qr_cols(&q), rows = qr_rows(&q);
	assert_int_equal(cols, 37);
	assert_int_equal(rows, 19); /* 37 modules: the last row half */
	size_t n = (size_t)cols * (size_t)rows;
	unsigned char *cells = malloc(n);
	assert_non_null(cells);
	assert_int_equal(qr_cells(&q, cells, n - 1), -1);
	assert_int_equal(qr_cells(&q, cells, n), 0);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			int want = qr_dark(&q, c, 2 * r) |
				   qr_dark(&q, c, 2 * r + 1) << 1;
			assert_int_equal(cells[r * cols + c], want);
		}
	/* The first finder's top edge, modules 4 and 5 of column 4: row 2
	 * of cells has the light quiet module above it and dark below. */
	assert_int_equal(cells[2 * cols + 4], QR_CELL_FULL);
	assert_int_equal(cells[1 * cols + 4], QR_CELL_LIGHT);
	assert_int_equal(cells[0], QR_CELL_LIGHT);
	for (int c = 0; c < cols; c++)
		assert_int_equal(cells[(rows - 1) * cols + c] & QR_CELL_BOTTOM,
				 0);
	free(cells);
	qr_free(&q);
}

static void test_refused(void **state)
{
	(void)state;
	struct qr q;
	struct error err;
	char big[QR_MAX_TEXT + 2];
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(qr_make(&q, big, 4, &err), -1);
	assert_null(q.dark);
	assert_int_equal(qr_make(&q, "", 4, &err), -1);
	assert_int_equal(qr_make(&q, NULL, 4, &err), -1);
	assert_int_equal(qr_make(&q, URL, 5, &err), -1);
	assert_int_equal(qr_make(&q, URL, -1, &err), -1);
	assert_non_null(strstr(err.msg, "QR code"));
	qr_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_smaller_in_capitals),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
