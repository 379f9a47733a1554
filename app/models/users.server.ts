import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { users } from "@db/schema";

export function findUserByEmail(tx: Tx, email: string) {
  return tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .then((rows) => rows[0] ?? null);
}

export function findPasswordHash(tx: Tx, userId: string) {
  return tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .then((rows) => rows[0]?.passwordHash ?? null);
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function setLocale(tx: Tx, userId: string, locale: string) {
  await tx.update(users).set({ locale }).where(eq(users.id, userId));
}

