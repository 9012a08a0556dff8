// Tunable front-end constants.

/** Page size of a work queue list, and the size of the request used to count a queue. */
export const PAGE_SIZE = 50;
export const COUNT_LIMIT = 200;

/** Client-side check of one uploaded file (the server's MOTCUA_MAX_FILE_MB, default 20 MiB).
 *  The server's answer is authoritative; this only spares a useless upload. */
export const MAX_FILE_MB = 20;
