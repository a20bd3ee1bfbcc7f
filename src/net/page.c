#include "net/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/*
 * The style sheet's colours, named once so that the test of their
 * contrast checks what the phones are sent.
 */
#define INK	  "#1a1a1a"
#define PAPER	  "#ffffff"
#define MUTED	  "#4a4a4a"
#define BUTTON_FG "#ffffff"
#define BUTTON_BG "#0b3d91"
#define CHOSEN_FG "#1a1a1a"
#define CHOSEN_BG "#ffd23f"
#define CLOSED_FG "#333333"
#define CLOSED_BG "#e0e0e0"

const struct page_colour page_colours[] = {
	{"text", INK, PAPER},
	{"notes", MUTED, PAPER},
	{"a view", BUTTON_FG, BUTTON_BG},
	{"the view chosen", CHOSEN_FG, CHOSEN_BG},
	{"a view when voting is closed", CLOSED_FG, CLOSED_BG},
};
const size_t page_ncolours = sizeof page_colours / sizeof *page_colours;

/* Large type and full-width buttons: one column at 360 px and up. */
static const char style[] =
	"*{box-sizing:border-box}"
	"body{margin:0;background:" PAPER ";color:" INK ";"
	"font:18px/1.4 system-ui,-apple-system,sans-serif}"
	"main{max-width:40rem;margin:0 auto;padding:16px}"
	".deck,.note{color:" MUTED ";font-size:1rem}"
	"h1{font-size:1.5rem;margin:.4em 0 .6em}"
	"button{display:block;width:100%;min-height:72px;margin:0 0 14px;"
	"padding:14px 16px;font:inherit;font-size:1.2rem;text-align:left;"
	"color:" BUTTON_FG ";background:" BUTTON_BG ";"
	"border:3px solid " BUTTON_BG ";border-radius:12px}"
	"button.chosen{color:" CHOSEN_FG ";background:" CHOSEN_BG ";"
	"border-color:" INK "}"
	"button:disabled{color:" CLOSED_FG ";background:" CLOSED_BG ";"
	"border-color:" CLOSED_BG "}"
	"button b{display:block;font-size:1rem}"
	"a{color:" BUTTON_BG "}";

void page_init(struct page *p)
{
	memset(p, 0, sizeof *p);
}

void page_free(struct page *p)
{
	free(p->s);
	page_init(p);
}

static void add(struct page *p, const char *s, size_t n)
{
	if (p->failed)
		return;
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		while (cap < p->len + n + 1)
			cap *= 2;
		char *s2 = realloc(p->s, cap);
		if (s2 == NULL) {
			p->failed = true;
			return;
		}
		p->s = s2;
		p->cap = cap;
	}
	memcpy(p->s + p->len, s, n);
	p->len += n;
	p->s[p->len] = '\0';
}

void page_raw(struct page *p, const char *s)
{
	add(p, s, strlen(s));
}

void page_text(struct page *p, const char *s, size_t len)
{
	char *clean = text_sanitize(s ? s : "", s ? len : 0);
	if (clean == NULL) {
		p->failed = true;
		return;
	}
	for (const char *c = clean; *c; c++) {
		switch (*c) {
		case '&':
			page_raw(p, "&amp;");
			break;
		case '<':
			page_raw(p, "&lt;");
			break;
		case '>':
			page_raw(p, "&gt;");
			break;
		case '"':
			page_raw(p, "&quot;");
			break;
		case '\'':
			page_raw(p, "&#39;");
			break;
		default:
			add(p, c, 1);
		}
	}
	free(clean);
}

static void text(struct page *p, const char *s)
{
	page_text(p, s, s ? strlen(s) : 0);
}

static void number(struct page *p, int n)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", n);
	page_raw(p, buf);
}

static void state_text(char *buf, size_t cap, const struct page_shown *s)
{
	if (s->item < 0)
		snprintf(buf, cap, "0 0 closed");
	else
		snprintf(buf, cap, "%d %d %s", s->item + 1, s->round + 1,
			 s->open ? "open" : "closed");
}

static void head(struct page *p, const struct page_shown *s)
{
	page_raw(p, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		    "<meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" "
		    "content=\"width=device-width,initial-scale=1\">"
		    "<title>");
	text(p, s->title && *s->title ? s->title : "handsup");
	page_raw(p, "</title><style>");
	page_raw(p, style);
	page_raw(p, "</style></head><body><main>\n<p class=\"deck\">");
	text(p, s->title);
	page_raw(p, "</p>\n");
}

/*
 * What the waiting page says about the next item.  Without JavaScript
 * the page stays as it is, so only the script, which reloads it, may
 * say that it changes by itself; a reader without it gets <noscript>.
 */
#define NO_SCRIPT_NOTE "Reload this page when the facilitator moves on."
#define SCRIPT_NOTE    "This page changes by itself when the facilitator moves on."

/*
 * The script that follows the projector: the page's state is compared
 * with the server's every two seconds, and a difference reloads it.
 * The code and the state are the server's own characters (letters,
 * digits, spaces), so they need no escaping inside the string.
 */
static void tail(struct page *p, const char *code, const struct page_shown *s)
{
	char st[40];
	state_text(st, sizeof st, s);
	page_raw(p, "</main><script>(function(){var s=\"");
	page_raw(p, st);
	page_raw(p, "\";function poll(){var x=new XMLHttpRequest();"
		    "x.open(\"GET\",\"/");
	page_raw(p, code);
	page_raw(p, "/state\");x.onload=function(){if(x.status===200&&"
		    "x.responseText!==s)location.replace(\"/");
	page_raw(p, code);
	page_raw(p, "\");};x.send();}setInterval(poll,2000);"
		    "var f=document.getElementById(\"follow\");"
		    "if(f)f.textContent=\"" SCRIPT_NOTE "\";})();"
		    "</script></body></html>\n");
}

static void join(struct page *p, const char *code, const struct page_shown *s)
{
	head(p, s);
	page_raw(p, "<h1>Which group are you in?</h1>\n"
		    "<form method=\"post\" action=\"/");
	page_raw(p, code);
	page_raw(p, "/group\">\n");
	for (int g = 0; g < s->ngroups && g < TALLY_MAX_GROUPS; g++) {
		page_raw(p, "<button name=\"group\" value=\"");
		number(p, g + 1);
		page_raw(p, "\">");
		text(p, s->groups[g]);
		page_raw(p, "</button>\n");
	}
	page_raw(p, "</form>\n<p class=\"note\">Your vote is anonymous: "
		    "nobody sees who chose what.</p>\n");
	page_raw(p, "</main></body></html>\n");
}

static void view_button(struct page *p, const struct page_shown *s, int v,
			int mine)
{
	page_raw(p, "<button name=\"view\" value=\"");
	number(p, v);
	page_raw(p, v == mine ? "\" class=\"chosen\" aria-pressed=\"true\""
			      : "\" aria-pressed=\"false\"");
	page_raw(p, s->open ? ">" : " disabled>");
	page_raw(p, "<b>");
	if (s->labels[v - 1]) {
		text(p, s->labels[v - 1]);
	} else {
		page_raw(p, "View ");
		number(p, v);
	}
	page_raw(p, v == mine ? " \xe2\x80\x93 your vote</b>" : "</b>");
	text(p, s->views[v - 1]);
	page_raw(p, "</button>\n");
}

static void item(struct page *p, const char *code, const struct page_shown *s,
		 int mine)
{
	page_raw(p, "<h1>");
	text(p, s->heading);
	page_raw(p, "</h1>\n<form method=\"post\" action=\"/");
	page_raw(p, code);
	page_raw(p, "/vote\"><input type=\"hidden\" name=\"item\" value=\"");
	number(p, s->item + 1);
	page_raw(p, "\"><input type=\"hidden\" name=\"round\" value=\"");
	number(p, s->round + 1);
	page_raw(p, "\">\n");
	for (int v = 1; v <= s->nviews && v <= TALLY_MAX_VIEWS; v++)
		view_button(p, s, v, mine);
	page_raw(p, "</form>\n<p class=\"note\">");
	if (!s->open)
		page_raw(p, "Voting on this item is closed.");
	else if (mine)
		page_raw(p, "You can change your vote until voting closes.");
	else
		page_raw(p, "Tap the view closest to yours.");
	page_raw(p, "</p>\n");
}

void page_ballot(struct page *p, const char *code,
		 const struct page_shown *shown, int group, int mine)
{
	if (shown->ngroups > 1 && group < 0) {
		join(p, code, shown);
		return;
	}
	head(p, shown);
	if (shown->item < 0)
		page_raw(p, "<h1>Waiting for the next item</h1>\n"
			    "<p class=\"note\" "
			    "id=\"follow\"><noscript>" NO_SCRIPT_NOTE
			    "</noscript></p>\n");
	else
		item(p, code, shown, mine);
	tail(p, code, shown);
}

void page_message(struct page *p, const char *code, const char *message)
{
	struct page_shown none = {0};
	none.item = -1;
	head(p, &none);
	page_raw(p, "<h1>");
	text(p, message);
	page_raw(p, "</h1>\n<p><a href=\"/");
	page_raw(p, code);
	page_raw(p, "\">Back to the vote</a></p>\n</main></body></html>\n");
}

void page_state(struct page *p, const struct page_shown *shown)
{
	char st[40];
	state_text(st, sizeof st, shown);
	page_raw(p, st);
}
