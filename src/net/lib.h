/*
 * lib: a shared library loaded when first needed, with dlopen, and its
 * functions found by name.  The phones' libraries (libmicrohttpd and
 * the TLS libraries it brings, libqrencode) would otherwise be loaded
 * at every start of handsup, which slowed the first frame and weighed
 * on the memory of every session without phones.
 */
#ifndef HANDSUP_LIB_H
#define HANDSUP_LIB_H

#include <stddef.h>

struct error;

/*
 * Opens the first of names[0..nnames) that loads, and fills fns[i] with
 * the address of syms[i] (nsyms of them).  Returns 0, or -1 with err
 * saying what to install (package) when none loads or a function is
 * missing.  POSIX lets a function's address travel as a void pointer.
 */
int lib_load(const char *const *names, size_t nnames, const char *package,
	     const char *const *syms, void **fns, size_t nsyms,
	     struct error *err);

#endif
