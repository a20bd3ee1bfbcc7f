/*
 * mhd: the libmicrohttpd functions the server calls, found with dlopen
 * (net/lib.h) when phone voting first opens.  Linked directly, libmicrohttpd would
 * bring GnuTLS and eight more libraries into every start of handsup,
 * which doubled the time to the first frame and the memory of a session
 * without phones; loaded on demand, only a session that opens voting
 * pays for them.  Each pointer has the exact type of the function that
 * microhttpd.h declares.
 */
#ifndef HANDSUP_MHD_H
#define HANDSUP_MHD_H

#include <microhttpd.h>

struct error;

struct mhd_api {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_run) *run;
	__typeof__(MHD_get_timeout) *get_timeout;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_get_connection_info) *get_connection_info;
	__typeof__(MHD_get_connection_values) *get_connection_values;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_create_response_from_buffer)
		*create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
};

/* Filled by mhd_load; all NULL before. */
extern struct mhd_api mhd;

/*
 * Loads libmicrohttpd once (later calls return at once).  Returns 0, or
 * -1 with err saying which package is missing.
 */
int mhd_load(struct error *err);

#endif
