import type { TestProject } from "vitest/node";
import postgres from "postgres";

/**
 * With DATABASE_URL (npm run test:pg) the integration tests run against a real PostgreSQL server,
 * in a database of their own that is created here and dropped when the run ends. Without it, each
 * test file opens its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseUrl", "");
    return;
  }
  const name = `vmi_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  project.provide("testDatabaseUrl", url.toString());
  return async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}
