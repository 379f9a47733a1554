import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import type { ViteDevServer } from "vite";
import { getEnv } from "~/utils/env.server";
import { describeError, getLogger, type Logger } from "~/utils/logger.server";
import { BadRequestError, sendWebResponse, toWebRequest } from "./express-adapter";
import {
  ALLOWED_METHODS,
  answerToMethod,
  createPortalHandler,
  type RequestRecord,
  staticSecurityHeaders,
} from "./portal-handler";

export interface HttpAppOptions {
  mode: "development" | "production";
  trustProxy: boolean;
  /** Production: the built client assets and server build. */
  buildDir?: string;
  /** Development: Vite in middleware mode serves modules and rebuilds on change. */
  vite?: ViteDevServer;
  /** A server build already loaded (tests); no static files are served then. */
  build?: ServerBuild;
  /** Where request and error lines go; the process's logger (LOG_LEVEL) by default. */
  logger?: Logger;
  /** The largest upload to an import address, in bytes; IMPORT_MAX_BYTES by default. */
  uploadLimit?: number;
}

/** A request id a trusted proxy may hand on (nginx's $request_id, a UUID): short and plain. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function createHttpApp(options: HttpAppOptions) {
  const logger = options.logger ?? getLogger();
  const app = express();
  app.disable("x-powered-by");
  // Only behind a proxy the operator trusts do X-Forwarded-Proto/-For count (req.protocol, req.ip),
  // and only its own hop: the client's address is the last one that proxy appended.
  app.set("trust proxy", options.trustProxy ? 1 : false);

  // First, so that every response carries the id and every request is logged, refused ones too.
  app.use((req, res, next) => {
    const forwarded = options.trustProxy ? req.get("X-Request-Id") : undefined;
    const record: RequestRecord = {
      requestId: forwarded && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomUUID(),
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    };
    res.locals.record = record;
    res.setHeader("X-Request-Id", record.requestId);
    const started = performance.now();
    let logged = false;
    const logRequest = () => {
      if (logged) return;
      logged = true;
      logger.info(
        {
          requestId: record.requestId,
          method: req.method,
          // The path without the query: its values may be anything a user typed.
          path: req.path,
          route: record.route,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          userId: record.userId,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    };
    res.on("finish", logRequest);
    res.on("close", logRequest);
    next();
  });
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(staticSecurityHeaders)) res.setHeader(name, value);
    next();
  });
  // Before static files and Remix: TRACE, DELETE and the rest (PUT outside the API) get 405, OPTIONS its Allow.
  app.use((req, res, next) => {
    const answer = answerToMethod(req.method, req.path);
    if (answer) sendWebResponse(res, answer).catch(next);
    else next();
  });
  // Level 1: pages are table-heavy HTML that compresses well at the lowest level, and a higher
  // level costs more server time per page than it saves on the wire.
  app.use(compression({ level: 1 }));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.build) {
    build = options.build;
  } else if (options.vite) {
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

  const uploadLimit = options.uploadLimit ?? getEnv().IMPORT_MAX_BYTES;
  const handle = createPortalHandler({ build, mode: options.mode, logger, uploadLimit });
  app.all("*", async (req, res, next) => {
    try {
      const request = await toWebRequest(req, res, { uploadLimit });
      const response = await handle(request, res.locals.record as RequestRecord);
      await sendWebResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  // Last resort: a plain message with the request id, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // Express marks its own client errors (an undecodable URL, say) with a 4xx status.
    const declared = (error as { status?: unknown } | null)?.status;
    const status =
      error instanceof BadRequestError
        ? error.status
        : typeof declared === "number" && declared >= 400 && declared < 500
          ? declared
          : 500;
    const requestId = (res.locals.record as RequestRecord | undefined)?.requestId;
    if (status === 500) logger.error({ requestId, err: describeError(error) }, "request failed");
    if (res.headersSent) return res.end();
    const message =
      error instanceof BadRequestError
        ? error.message
        : status === 500
          ? `Internal error (request ${requestId}).`
          : "Bad request.";
    res.status(status).type("text/plain").send(message);
  });
  return app;
}

/**
 * Node's HTTP server hands CONNECT to a 'connect' listener, or drops the connection without an
 * answer when there is none: this answers it with 405 like any other method the portal does not
 * serve. Call it on the server that listens with the app.
 */
export function refuseConnect(server: Server, logger: Logger = getLogger()) {
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    const requestId = randomUUID();
    const body = "Method not allowed.";
    const headers = {
      Allow: ALLOWED_METHODS.join(", "),
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Request-Id": requestId,
      ...staticSecurityHeaders,
      Connection: "close",
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    socket.on("error", () => {});
    socket.end(["HTTP/1.1 405 Method Not Allowed", ...head, "", body].join("\r\n"));
    logger.info({ requestId, method: req.method, status: 405, durationMs: 0 }, "request");
  });
  return server;
}

/**
 * How long an idle keep-alive connection stays open. Node's default of 5 s races with clients
 * (browsers, proxies, test runners) that reuse a connection idle for about as long: the server
 * closes it as the next request arrives, and the client sees a reset. The embedded database runs
 * on the server's thread, so a long query can also hold the close back until a request is already
 * on the wire. 65 s outlasts the usual client and load-balancer idle times (60 s).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Keeps idle connections open for KEEP_ALIVE_TIMEOUT_MS; the header timeout must exceed it. */
export function keepIdleConnections(server: Server) {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

function pathToImport(file: string) {
  return new URL(`file://${path.resolve(file)}`).href;
}
