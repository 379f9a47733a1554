import type { Config } from "drizzle-kit";

// Migrations are generated from db/schema and committed; they are applied by db/migrate.ts,
// never pushed. The dialect is plain PostgreSQL: the same SQL runs on PGlite and on a server.
export default {
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
} satisfies Config;
