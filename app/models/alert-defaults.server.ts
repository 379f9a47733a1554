import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { numeric, type NumericText } from "./sql.server";

/**
 * Gives the transaction's company the alert rules every company starts with (the defaults live in
 * one place, the SQL function install_default_alert_rules, which the migration also ran for the
 * companies that existed before alerts), named in the company's language. Those it has already
 * are left as they are. Returns how many it installed.
 */
export async function installDefaultAlertRules(tx: Tx): Promise<number> {
  const [row] = rowsOf<{ n: NumericText }>(await tx.execute(sql`select install_default_alert_rules() as n`));
  return row ? numeric(row.n) : 0;
}
