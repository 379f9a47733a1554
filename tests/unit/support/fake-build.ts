import type { ServerBuild } from "@remix-run/node";

export interface FakeRoute {
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

/**
 * A Remix server build made of the given route modules, for running the request handler without
 * Vite: the manifest names module files that are never fetched.
 */
export function fakeBuild(entryModule: Record<string, unknown>, routes: Record<string, FakeRoute>): ServerBuild {
  const serverRoutes = Object.fromEntries(
    Object.entries(routes).map(([id, route]) => [
      id,
      { id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: undefined, module: route.module },
    ]),
  );
  const manifestRoutes = Object.fromEntries(
    Object.entries(routes).map(([id, route]) => [
      id,
      {
        id,
        parentId: route.parentId,
        path: route.path,
        index: route.index,
        caseSensitive: undefined,
        hasAction: "action" in route.module,
        hasLoader: "loader" in route.module,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: "ErrorBoundary" in route.module,
        module: `/assets/${id.replaceAll("/", "-")}.js`,
        imports: [],
        css: [],
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: entryModule },
    routes: serverRoutes,
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [], css: [] },
      routes: manifestRoutes,
      url: "/assets/manifest-test.js",
      version: "test",
    },
    assetsBuildDirectory: "build/client",
    basename: "/",
    publicPath: "/",
    isSpaMode: false,
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_routeConfig: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
    },
  } as unknown as ServerBuild;
}

/** A logger's lines, parsed, as the tests read them. */
export function capturedLines() {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
}
