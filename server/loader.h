/* SPDX-License-Identifier: Apache-2.0 */
/* `rockset-local load`: bulk-loads a JSON array or JSON-lines file straight into the store. */
#ifndef SRV_LOADER_H
#define SRV_LOADER_H

/* argv[0] is "load". Returns the process exit status. */
int srv_loader_main(int argc, char **argv);

#endif
