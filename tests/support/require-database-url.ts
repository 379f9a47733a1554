// test:pg is meaningless without a server: say so instead of silently testing PGlite.
if (!process.env.DATABASE_URL) {
  console.error("npm run test:pg needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test");
  process.exit(1);
}
