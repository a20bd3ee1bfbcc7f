#include "net/mhd.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "base/error.h"

struct mhd_api mhd;

/* The library's soname in Debian 12 and later, then any. */
static const char *const names[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

static void *find(void *lib, const char *name, int *missing)
{
	void *f = dlsym(lib, name);
	*missing += f == NULL;
	return f;
}

int mhd_load(struct error *err)
{
	if (mhd.run)
		return 0;
	void *lib = NULL;
	for (size_t i = 0; !lib && i < sizeof names / sizeof *names; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		error_set(err, 0,
			  "phones need libmicrohttpd, which is not installed "
			  "(apt install libmicrohttpd12)");
		return -1;
	}
	struct mhd_api a;
	int missing = 0;
	/* dlsym gives an object pointer; POSIX lets its bytes be a
	 * function's address. */
#define FIND(field, sym)                                                       \
	do {                                                                   \
		void *f_ = find(lib, #sym, &missing);                          \
		memcpy(&a.field, &f_, sizeof f_);                              \
	} while (0)
	FIND(start_daemon, MHD_start_daemon);
	FIND(stop_daemon, MHD_stop_daemon);
	FIND(run, MHD_run);
	FIND(get_timeout, MHD_get_timeout);
	FIND(get_daemon_info, MHD_get_daemon_info);
	FIND(get_connection_info, MHD_get_connection_info);
	FIND(get_connection_values, MHD_get_connection_values);
	FIND(lookup_connection_value, MHD_lookup_connection_value);
	FIND(create_response_from_buffer, MHD_create_response_from_buffer);
	FIND(add_response_header, MHD_add_response_header);
	FIND(queue_response, MHD_queue_response);
	FIND(destroy_response, MHD_destroy_response);
#undef FIND
	if (missing) {
		error_set(err, 0,
			  "phones need libmicrohttpd 0.9.71 or later: this one "
			  "lacks %d of its functions",
			  missing);
		dlclose(lib);
		return -1;
	}
	/* Kept open for the rest of the run: the daemon lives in it. */
	mhd = a;
	return 0;
}
