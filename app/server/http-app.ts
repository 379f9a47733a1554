import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import type { ViteDevServer } from "vite";
import { BadRequestError, sendWebResponse, toWebRequest } from "./express-adapter";
import { createPortalHandler, staticSecurityHeaders } from "./portal-handler";

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
  // Only behind a proxy the operator trusts do X-Forwarded-Proto/-For count (req.protocol, req.ip),
  // and only its own hop: the client's address is the last one that proxy appended.
  app.set("trust proxy", options.trustProxy ? 1 : false);
  // Level 1: pages are table-heavy HTML that compresses well at the lowest level, and a higher
  // level costs more server time per page than it saves on the wire.
  app.use(compression({ level: 1 }));
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(staticSecurityHeaders)) res.setHeader(name, value);
    next();
  });

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
  // Last resort: a plain message, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // Express marks its own client errors (an undecodable URL, say) with a 4xx status.
    const declared = (error as { status?: unknown } | null)?.status;
    const status =
      error instanceof BadRequestError
        ? error.status
        : typeof declared === "number" && declared >= 400 && declared < 500
          ? declared
          : 500;
    if (status === 500) console.error(error);
    if (res.headersSent) return res.end();
    const message = error instanceof BadRequestError ? error.message : status === 500 ? "Internal error." : "Bad request.";
    res.status(status).type("text/plain").send(message);
  });
  return app;
}

function pathToImport(file: string) {
  return new URL(`file://${path.resolve(file)}`).href;
}
