/**
 * Takes the lock of the data directory given as the first argument, prints "locked" and waits to
 * be killed: the ownership tests kill it with SIGKILL to show that a crash never leaves the lock.
 */
import { lockDataDir } from "@db/embedded/data-dir-lock";

lockDataDir(process.argv[2], "a test holder");
console.log("locked");
setInterval(() => {}, 60_000);
