#include "base/termreply.h"

#include <string.h>

enum { IDLE, ESC_SEEN, OSC, OSC_ESC, CSI_START, CSI };

void termreply_init(struct termreply *r)
{
	memset(r, 0, sizeof *r);
}

/* The kept characters become keys, the state starts again. */
static enum termreply_result give_back(struct termreply *r)
{
	r->nkeys = 0;
	for (size_t i = 0; i < r->len; i++)
		r->keys[r->nkeys++] = (unsigned char)r->buf[i];
	r->len = 0;
	r->state = IDLE;
	return TERMREPLY_KEYS;
}

static enum termreply_result keep(struct termreply *r, int ch, int state)
{
	if (r->len + 1 >= sizeof r->buf)
		return give_back(r); /* too long to be an answer of ours */
	r->buf[r->len++] = (char)ch;
	r->state = state;
	return TERMREPLY_HELD;
}

/* An OSC answer ended: "ESC ] 11 ; rgb:... ". */
static enum termreply_result osc_done(struct termreply *r)
{
	r->buf[r->len] = '\0';
	r->len = 0;
	r->state = IDLE;
	const char *p = r->buf + 2;
	if (strncmp(p, "11;", 3) == 0 &&
	    termreply_rgb_light(p + 3, &r->light) == 0)
		return TERMREPLY_BACKGROUND;
	return TERMREPLY_HELD; /* another OSC answer: swallowed */
}

enum termreply_result termreply_feed(struct termreply *r, int ch)
{
	r->nkeys = 0;
	if (ch < 0 || ch > 255)
		return r->state == IDLE ? TERMREPLY_KEY : give_back(r);
	switch (r->state) {
	case IDLE:
		return ch == TERMREPLY_ESC ? keep(r, ch, ESC_SEEN)
					   : TERMREPLY_KEY;
	case ESC_SEEN:
		if (ch == ']')
			return keep(r, ch, OSC);
		if (ch == '[')
			return keep(r, ch, CSI_START);
		return give_back(r);
	case OSC:
		if (ch == 7) /* BEL ends it too */
			return osc_done(r);
		return keep(r, ch, ch == TERMREPLY_ESC ? OSC_ESC : OSC);
	case OSC_ESC:
		if (ch != '\\')
			return give_back(r);
		r->len--; /* the ESC of the string terminator */
		return osc_done(r);
	case CSI_START:
		return ch == '?' ? keep(r, ch, CSI) : give_back(r);
	default: /* CSI: parameters, then a final byte */
		if ((ch >= '0' && ch <= '9') || ch == ';')
			return keep(r, ch, CSI);
		if (ch != 'c')
			return give_back(r);
		r->len = 0;
		r->state = IDLE;
		return TERMREPLY_DA;
	}
}

bool termreply_idle(struct termreply *r)
{
	r->nkeys = 0;
	if (r->state != ESC_SEEN)
		return false;
	give_back(r);
	return true;
}

/* One component: 1 to 4 hex digits, as a fraction of its largest value. */
static const char *component(const char *s, char end, double *v)
{
	unsigned long n = 0, max = 0;
	int digits = 0;
	for (; *s && *s != end; s++, digits++) {
		const char *hex = "0123456789abcdef";
		char c = (char)(*s | 0x20);
		const char *d = strchr(hex, c);
		if (d == NULL || *s == '\0' || digits == 4)
			return NULL;
		n = n * 16 + (unsigned long)(d - hex);
		max = max * 16 + 15;
	}
	if (digits == 0 || *s != end)
		return NULL;
	*v = (double)n / (double)max;
	return end ? s + 1 : s;
}

/* The fifth root of a in (0, 1], by Newton's method (no libm needed). */
static double root5(double a)
{
	double y = 1.0;
	for (int i = 0; i < 40; i++) {
		double y4 = y * y * y * y;
		y -= (y4 * y - a) / (5 * y4);
	}
	return y;
}

/* sRGB to linear light, as WCAG 2 defines relative luminance. */
static double linear(double c)
{
	if (c <= 0.04045)
		return c / 12.92;
	double x = (c + 0.055) / 1.055; /* x^2.4 = x^2 * (x^2)^(1/5) */
	return x * x * root5(x * x);
}

int termreply_rgb_light(const char *spec, bool *light)
{
	double rgb[3];
	if (strncmp(spec, "rgb:", 4) != 0)
		return -1;
	const char *p = spec + 4;
	for (int i = 0; i < 3 && p; i++)
		p = component(p, i < 2 ? '/' : '\0', &rgb[i]);
	if (p == NULL)
		return -1;
	double lum = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) +
		     0.0722 * linear(rgb[2]);
	/* Black on it beats white on it when (L + .05) / .05 > 1.05 / (L +
	 * .05), that is when L > 0.179. */
	*light = lum > 0.179;
	return 0;
}
