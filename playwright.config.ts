import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { demoToday } from "./db/seed/demo-today";
import { fixturesFileOf } from "./tests/e2e/fixtures/fixture-file";

/**
 * End-to-end tests against the real server on a fresh embedded database seeded with the demo
 * (for DEMO_TODAY when set), plus the fixtures the specs assert about, with known classes and
 * routes (tests/e2e/fixtures). `http` tests speak HTTP only; `browser` tests drive Debian's
 * Chromium (Playwright cannot download its own browser here). No browser → the browser tests are
 * skipped, loudly, unless E2E_REQUIRED=1 makes that a failure.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = `.cache/e2e-data-${port}`;
// A wrong DEMO_TODAY stops the run here, in one line, rather than in the server's output.
try {
  demoToday();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const haveChromium = existsSync(chromiumPath);

if (!haveChromium) {
  if (process.env.E2E_REQUIRED === "1") {
    throw new Error(`E2E_REQUIRED=1 but no Chromium at ${chromiumPath} (set CHROMIUM_PATH or apt-get install chromium).`);
  }
  console.warn(
    [
      "",
      "!".repeat(78),
      `!! No Chromium at ${chromiumPath}: the BROWSER end-to-end tests are SKIPPED.`,
      "!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; E2E_REQUIRED=1 makes this fatal.",
      "!".repeat(78),
      "",
    ].join("\n"),
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 30_000,
  use: { baseURL, trace: "off" },
  projects: [
    { name: "http", testMatch: "http/**/*.spec.ts" },
    ...(haveChromium
      ? [
          {
            name: "browser",
            testMatch: "browser/**/*.spec.ts",
            use: {
              ...devices["Desktop Chrome"],
              // Each worker poses as its own client, like the HTTP tests (see TRUST_PROXY below).
              extraHTTPHeaders: { "X-Forwarded-For": `10.200.${process.pid % 250}.${Math.floor(Math.random() * 250) + 1}` },
              launchOptions: {
                executablePath: chromiumPath,
                args: [
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run",
                  "--disable-quic",
                ],
              },
            },
          },
        ]
      : []),
  ],
  webServer: {
    // A fresh embedded database every run, seeded with the demo and the fixtures before the
    // server opens it.
    command: [
      `rm -rf ${dataDir} ${fixturesFileOf(dataDir)}`,
      "node_modules/.bin/tsx tests/e2e/fixtures/prepare-database.ts",
      "node_modules/.bin/tsx app/server/start.ts",
    ].join(" && "),
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      // Tests pose as distinct client addresses through X-Forwarded-For, so that the per-address
      // sign-in limit of one test does not throttle another.
      TRUST_PROXY: "1",
      NODE_ENV: "production",
      // Quiet request logs, and no nightly backup in the middle of a run.
      LOG_LEVEL: "warn",
      BACKUP: "off",
    },
  },
});
