import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@db/client";
import {
  isRecomputeDue,
  lastNightlyRun,
  retryAfterFailures,
  schedulerEnabled,
  startScheduler,
  zonedInstant,
} from "~/server/scheduler";

const at = (iso: string) => new Date(iso);
const fresh = { activeAgreements: 10, missing: 0, orphaned: 0 };

describe("lastNightlyRun: the latest 02:30 on the tenant's clock", () => {
  it.each([
    // time zone, now, last 02:30 (UTC)
    ["Asia/Shanghai", "2026-03-16T04:00:00Z", "2026-03-15T18:30:00.000Z"], // 12:00 on the 16th
    ["Asia/Shanghai", "2026-03-15T18:30:00Z", "2026-03-15T18:30:00.000Z"], // 02:30 sharp
    ["Asia/Shanghai", "2026-03-15T18:29:59Z", "2026-03-14T18:30:00.000Z"], // a second before
    ["Asia/Kolkata", "2026-03-16T00:00:00Z", "2026-03-15T21:00:00.000Z"], // +05:30
    ["UTC", "2026-03-16T02:29:00Z", "2026-03-15T02:30:00.000Z"],
    ["America/New_York", "2026-01-15T12:00:00Z", "2026-01-15T07:30:00.000Z"], // EST
    ["America/New_York", "2026-07-01T12:00:00Z", "2026-07-01T06:30:00.000Z"], // EDT
    ["America/New_York", "2026-07-01T06:00:00Z", "2026-06-30T06:30:00.000Z"], // 02:00 EDT: yesterday's
    ["Europe/London", "2026-10-25T12:00:00Z", "2026-10-25T02:30:00.000Z"], // clocks went back at 02:00 BST
    ["Pacific/Auckland", "2026-03-16T04:00:00Z", "2026-03-15T13:30:00.000Z"], // NZDT, +13
    ["Pacific/Honolulu", "2026-03-16T04:00:00Z", "2026-03-15T12:30:00.000Z"], // −10, still the 15th there
  ])("%s at %s → %s", (timeZone, now, expected) => {
    expect(lastNightlyRun(at(now), timeZone).toISOString()).toBe(expected);
  });

  it("runs an hour early on a night whose 02:30 does not exist (spring forward)", () => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; the job runs at 01:30 EST.
    expect(zonedInstant("2026-03-08", { hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T06:30:00.000Z",
    );
    expect(lastNightlyRun(at("2026-03-08T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-08T06:30:00.000Z");
  });

  it("accepts another time of day", () => {
    expect(lastNightlyRun(at("2026-03-16T04:00:00Z"), "Asia/Shanghai", { hour: 13, minute: 0 }).toISOString()).toBe(
      "2026-03-15T05:00:00.000Z",
    );
  });
});

describe("isRecomputeDue", () => {
  const shanghaiNoon = at("2026-03-16T04:00:00Z"); // last 02:30 there: 2026-03-15T18:30Z

  it("is due when the metrics are older than the last 02:30 there", () => {
    expect(isRecomputeDue({ ...fresh, lastComputedAt: at("2026-03-15T18:29:59Z") }, shanghaiNoon, "Asia/Shanghai")).toBe(true);
    expect(isRecomputeDue({ ...fresh, lastComputedAt: at("2026-03-15T18:30:00Z") }, shanghaiNoon, "Asia/Shanghai")).toBe(false);
    expect(isRecomputeDue({ ...fresh, lastComputedAt: at("2026-03-16T03:00:00Z") }, shanghaiNoon, "Asia/Shanghai")).toBe(false);
  });

  it("depends on the tenant's time zone for the same instant and the same metrics", () => {
    const metrics = { ...fresh, lastComputedAt: at("2026-03-15T20:00:00Z") };
    // 04:00 on the 16th in Shanghai (last 02:30 was 18:30Z): computed after it → not due.
    expect(isRecomputeDue(metrics, shanghaiNoon, "Asia/Shanghai")).toBe(false);
    // 04:00 UTC: 02:30 UTC on the 16th came after the computation → due.
    expect(isRecomputeDue(metrics, shanghaiNoon, "UTC")).toBe(true);
    // 18:00 on the 15th in Honolulu: its last 02:30 (12:30Z on the 15th) came before → not due.
    expect(isRecomputeDue(metrics, shanghaiNoon, "Pacific/Honolulu")).toBe(false);
  });

  it("is due when metrics are missing for an active agreement or linger for an inactive one", () => {
    const recent = at("2026-03-16T03:00:00Z");
    expect(isRecomputeDue({ ...fresh, lastComputedAt: null }, shanghaiNoon, "Asia/Shanghai")).toBe(true);
    expect(isRecomputeDue({ ...fresh, missing: 1, lastComputedAt: recent }, shanghaiNoon, "Asia/Shanghai")).toBe(true);
    expect(isRecomputeDue({ ...fresh, orphaned: 2, lastComputedAt: recent }, shanghaiNoon, "Asia/Shanghai")).toBe(true);
  });

  it("is never due for a tenant with nothing to compute and nothing to remove", () => {
    const empty = { activeAgreements: 0, missing: 0, orphaned: 0 };
    expect(isRecomputeDue({ ...empty, lastComputedAt: null }, shanghaiNoon, "Asia/Shanghai")).toBe(false);
    expect(isRecomputeDue({ ...empty, lastComputedAt: at("2020-01-01T00:00:00Z") }, shanghaiNoon, "Asia/Shanghai")).toBe(false);
  });
});

describe("schedulerEnabled (SCHEDULER)", () => {
  it.each([
    [undefined, true],
    ["", true],
    ["on", true],
    ["1", true],
    ["true", true],
    ["off", false],
    ["OFF", false],
    ["0", false],
    ["false", false],
  ])("%s → %s", (value, expected) => {
    expect(schedulerEnabled(value)).toBe(expected);
  });

  it("refuses anything else", () => {
    expect(() => schedulerEnabled("sometimes")).toThrow(/SCHEDULER/);
  });
});

describe("retryAfterFailures: backoff for a tenant whose recompute keeps failing", () => {
  const at = new Date("2026-11-22T03:00:00Z");
  const minutesAfter = (failures: number) => (retryAfterFailures(failures, at).getTime() - at.getTime()) / 60_000;

  it("waits 5 minutes after the first failure, then doubles: 10, 20, 40 …", () => {
    expect([1, 2, 3, 4].map(minutesAfter)).toEqual([5, 10, 20, 40]);
  });

  it("never waits more than 6 hours", () => {
    expect(minutesAfter(8)).toBe(360);
    expect(minutesAfter(50)).toBe(360);
  });
});

describe("when the scheduler checks", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("once shortly after the start, then every 5 minutes on the clock", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-16T04:00:10Z"));
    // A database that fails every statement: each check then logs what it could not do.
    const failures: string[] = [];
    const scheduler = startScheduler({} as Database, {
      log: () => {},
      logError: (line) => failures.push(`${new Date().toISOString().slice(11, 19)} ${line}`),
    });
    try {
      await vi.advanceTimersByTimeAsync(14_000);
      expect(failures).toEqual([]);
      await vi.advanceTimersByTimeAsync(12 * 60_000);
      expect(failures).toEqual([
        "04:00:25 purging the sign-in throttle failed",
        "04:00:25 listing the tenants failed",
        "04:05:00 purging the sign-in throttle failed",
        "04:05:00 listing the tenants failed",
        "04:10:00 purging the sign-in throttle failed",
        "04:10:00 listing the tenants failed",
      ]);
    } finally {
      await scheduler.stop();
    }
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(failures).toHaveLength(6);
  });
});
