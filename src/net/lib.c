#include "net/lib.h"

#include <dlfcn.h>

#include "base/error.h"

int lib_load(const char *const *names, size_t nnames, const char *package,
	     const char *const *syms, void **fns, size_t nsyms,
	     struct error *err)
{
	void *lib = NULL;
	for (size_t i = 0; !lib && i < nnames; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		error_set(err, 0,
			  "phones need %s, which is not installed "
			  "(apt install %s)",
			  names[0], package);
		return -1;
	}
	for (size_t i = 0; i < nsyms; i++)
		if (!(fns[i] = dlsym(lib, syms[i]))) {
			error_set(err, 0, "phones need a newer %s: it lacks %s",
				  names[0], syms[i]);
			dlclose(lib);
			return -1;
		}
	/* Kept open for the rest of the run. */
	return 0;
}
