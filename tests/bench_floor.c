/*
 * The floor of the terminal figures: the least a curses counter can do.
 * It draws a number and a bar, reads a key, counts it and draws again;
 * q quits.  tests/bench_ui.c runs it in the same pty beside handsup and
 * prints handsup's figures as ratios to it.  Like handsup it writes the
 * frame number to HANDSUP_SYNC_FD after each update, so the harness
 * waits on frames and never sleeps.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void draw(long n, int fd, long frame)
{
	erase();
	mvprintw(LINES / 2 - 1, 2, "%ld", n);
	attron(A_REVERSE);
	for (int i = 0; i < n % (COLS - 4); i++)
		mvaddch(LINES / 2, 2 + i, ' ');
	attroff(A_REVERSE);
	refresh();
	if (fd > 2) {
		char buf[32];
		int len = snprintf(buf, sizeof buf, "%ld\n", frame);
		(void)!write(fd, buf, (size_t)len);
	}
}

int main(void)
{
	const char *s = getenv("HANDSUP_SYNC_FD");
	int fd = s ? atoi(s) : -1;
	long n = 0, frame = 0;
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw(n, fd, ++frame);
	for (int ch; (ch = getch()) != 'q';)
		if (ch != ERR)
			draw(++n, fd, ++frame);
	endwin();
	return 0;
}
