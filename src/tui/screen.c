#include "tui/screen.h"

#include "app/app.h"

const struct screen *screen_for(const struct app *a)
{
	if (app_pos(a) == 0)
		return &screen_title;
	if (app_item(a) >= 0)
		return &screen_item;
	if (app_pos(a) == app_pos_summary(a))
		return &screen_summary;
	return &screen_closing;
}
