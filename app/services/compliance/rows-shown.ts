/**
 * Rows the pages show of the long lists (the exports hold them all). Not server-only: the pages
 * say "n of m shown" with them.
 */
export const MOVERS_SHOWN = 100;
export const HEALTH_ROWS_SHOWN = 50;
