import { API_SCOPES, apiKeyPrefixOf } from "../../app/services/api/key-rules";
import { hashApiKey } from "../../app/services/api/key-secret.server";
import type { Tx } from "../client";
import { apiKeys } from "../schema";
import type { DemoDataset } from "./generate";

/**
 * The demo company's REST API key, with every scope: a fixed value, so that the README's examples
 * work as they stand against the demo. `npm start` prints it with the demo sign-ins. Like the demo
 * password, it is public: a portal holding real data runs without the demo (SEED_DEMO=off).
 * Base 58 throughout (no 0, O, I or l).
 */
export const DEMO_API_KEY = "vmi_demoAcmeApiKeyForTheReadmeAndDemo1234567";
export const DEMO_API_KEY_TENANT = "acme";
const DEMO_API_KEY_CREATOR = "admin@acme.example";

/**
 * Stored as any key is: its SHA-256 and prefix, never the key. Only the demo's own acme gets it: a
 * key is unique across companies, so the suffixed copies tests keep side by side get none.
 */
export async function writeDemoApiKey(tx: Tx, dataset: DemoDataset) {
  const tenant = dataset.tenants.find((t) => t.slug === DEMO_API_KEY_TENANT);
  const creator = dataset.users.find((u) => u.email === DEMO_API_KEY_CREATOR);
  if (!tenant) return;
  await tx.insert(apiKeys).values({
    tenantId: tenant.id,
    name: "Demo ERP",
    prefix: apiKeyPrefixOf(DEMO_API_KEY),
    keySha256: hashApiKey(DEMO_API_KEY),
    scopes: [...API_SCOPES],
    createdBy: creator?.id ?? null,
    createdAt: tenant.createdAt,
  });
}
