import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import type { ViteDevServer } from "vite";
import { sendWebResponse, toWebRequest } from "./express-adapter";
import { createPortalHandler } from "./portal-handler";

export interface HttpAppOptions {
  mode: "development" | "production";
  trustProxy: boolean;
  /** Production: the built client assets and server build. */
  buildDir?: string;
  /** Development: Vite in middleware mode serves modules and rebuilds on change. */
  vite?: ViteDevServer;
}

export async function createHttpApp(options: HttpAppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // Only behind a proxy the operator trusts do X-Forwarded-Proto/-For count (req.protocol, req.ip).
  app.set("trust proxy", options.trustProxy);
  app.use(compression());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.vite) {
    const vite = options.vite;
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = options.buildDir ?? path.resolve("build");
    const client = path.join(buildDir, "client");
    // Fingerprinted assets never change; everything else is revalidated.
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(client, { maxAge: "1h" }));
    const serverEntry = path.join(buildDir, "server", "index.js");
    build = (await import(/* @vite-ignore */ pathToImport(serverEntry))) as ServerBuild;
  }

  const handle = createPortalHandler({ build, mode: options.mode });
  app.all("*", async (req, res, next) => {
    try {
      const request = toWebRequest(req, res);
      const response = await handle(request, req.ip ?? req.socket.remoteAddress ?? "unknown");
      await sendWebResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}

function pathToImport(file: string) {
  return new URL(`file://${path.resolve(file)}`).href;
}
