import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * A portal server of its own on a fresh data directory without the demo, as an operator starts a
 * new installation (`SEED_DEMO=off npm start`), for the specs that begin from an empty database.
 * It waits for the one-time set-up link the server prints and hands back its path.
 */
export interface EmptyInstallation {
  origin: string;
  /** The path of the printed set-up link (/setup/<token>). */
  setupPath: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

export async function startEmptyInstallation(options: {
  port: number;
  dataDir: string;
  /** Settings beside the defaults below (for example OUTBOX_RELAY: "on"). */
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<EmptyInstallation> {
  const origin = `http://127.0.0.1:${options.port}`;
  rmSync(options.dataDir, { recursive: true, force: true });
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env: {
      ...process.env,
      SEED_DEMO: "off",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      APP_URL: origin,
      DATA_DIR: options.dataDir,
      DATABASE_URL: "",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      BACKUP: "off",
      SCHEDULER: "off",
      OUTBOX_RELAY: "off",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(options.dataDir, { recursive: true, force: true });
  };
  try {
    const setupPath = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no set-up link printed:\n${output}`)), options.timeoutMs ?? 110_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /set up the first one at \S*(\/setup\/[A-Za-z0-9_-]{43})/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      server.stdout!.on("data", read);
      server.stderr!.on("data", read);
      server.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
    });
    return { origin, setupPath, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
