#ifndef FLAGTOP_CHIREDIS_SHIM_H
#define FLAGTOP_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
