#include "net/mhd.h"

#include <string.h>

#include "net/lib.h"

struct mhd_api mhd;

/* In the order of struct mhd_api's fields. */
static const char *const syms[] = {
	"MHD_start_daemon",
	"MHD_stop_daemon",
	"MHD_run",
	"MHD_get_timeout",
	"MHD_get_daemon_info",
	"MHD_get_connection_info",
	"MHD_get_connection_values",
	"MHD_lookup_connection_value",
	"MHD_create_response_from_buffer",
	"MHD_add_response_header",
	"MHD_queue_response",
	"MHD_destroy_response",
};
#define NSYMS (sizeof syms / sizeof *syms)

int mhd_load(struct error *err)
{
	static const char *const names[] = {"libmicrohttpd.so.12",
					    "libmicrohttpd.so"};
	void *fns[NSYMS];
	_Static_assert(sizeof(struct mhd_api) == sizeof fns,
		       "one symbol per field of struct mhd_api");
	if (mhd.run)
		return 0;
	if (lib_load(names, 2, "libmicrohttpd12", syms, fns, NSYMS, err) != 0)
		return -1;
	/* Field by field, in order: each address into its typed pointer. */
	memcpy(&mhd, fns, sizeof mhd);
	return 0;
}
