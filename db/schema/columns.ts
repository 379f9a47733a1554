import { numeric, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid().notNull().defaultRandom();
export const tenantId = () => uuid().notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
/** Quantities: exact decimals in the database, plain numbers in TypeScript. */
export const quantity = () => numeric({ precision: 18, scale: 4, mode: "number" });
/** Money in the tenant's currency. */
export const money = () => numeric({ precision: 18, scale: 4, mode: "number" });
