import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cronJob, everyPattern } from "~/server/cron";

describe("everyPattern: a job every so often, on the clock", () => {
  it.each([
    [5 * 60_000, "0 */5 * * * *"],
    [10 * 60_000, "0 */10 * * * *"],
    [60 * 60_000, "0 0 * * * *"],
    [6 * 3_600_000, "0 0 */6 * * *"],
    [24 * 3_600_000, "0 0 0 * * *"],
    [60_000, "0 * * * * *"],
    [15_000, "*/15 * * * * *"],
    [1_000, "*/1 * * * * *"],
  ])("%i ms → %s", (ms, pattern) => {
    expect(everyPattern(ms)).toBe(pattern);
  });

  it("refuses an interval that has no such pattern", () => {
    for (const ms of [0, -60_000, 1_500, 7 * 60_000, 90 * 60_000, 5 * 3_600_000, 48 * 3_600_000]) {
      expect(() => everyPattern(ms), String(ms)).toThrow(RangeError);
    }
  });
});

describe("cronJob", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs at the pattern's times on the named time zone's clock", async () => {
    vi.setSystemTime(new Date("2026-03-16T16:00:00Z")); // 00:00 in Shanghai
    const runs: string[] = [];
    const job = cronJob("0 1 * * *", { timezone: "Asia/Shanghai", onError: () => {} }, async () => {
      runs.push(new Date().toISOString());
    });
    try {
      await vi.advanceTimersByTimeAsync(60 * 60_000 - 1_000);
      expect(runs).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(runs).toHaveLength(1);
      expect(runs[0] >= "2026-03-16T17:00:00.000Z" && runs[0] < "2026-03-16T17:00:01.000Z").toBe(true);
      await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
      expect(runs).toHaveLength(2);
    } finally {
      job.stop();
    }
  });

  it("runs once at an instant, and not before startAt", async () => {
    vi.setSystemTime(new Date("2026-03-16T04:00:10Z"));
    const once: number[] = [];
    const every: number[] = [];
    const startAt = new Date("2026-03-16T04:06:00Z");
    const jobs = [
      cronJob(startAt, { onError: () => {} }, async () => void once.push(Date.now())),
      cronJob(everyPattern(5 * 60_000), { timezone: "UTC", startAt, onError: () => {} }, async () => void every.push(Date.now())),
    ];
    try {
      await vi.advanceTimersByTimeAsync(15 * 60_000);
      const iso = (list: number[]) => list.map((t) => new Date(t).toISOString().slice(11, 19));
      expect(iso(once)).toEqual(["04:06:00"]);
      expect(iso(every)).toEqual(["04:10:00", "04:15:00"]);
    } finally {
      for (const job of jobs) job.stop();
    }
  });

  it("skips a run while the previous one is still going", async () => {
    vi.setSystemTime(new Date("2026-03-16T04:00:00.500Z"));
    let started = 0;
    let finish = () => {};
    const job = cronJob("* * * * * *", { onError: () => {} }, () => {
      started += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    try {
      await vi.advanceTimersByTimeAsync(5_000);
      expect(started).toBe(1);
      finish();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(started).toBe(2);
    } finally {
      job.stop();
    }
  });

  it("hands what a run threw to onError and carries on", async () => {
    vi.setSystemTime(new Date("2026-03-16T04:00:00.500Z"));
    const errors: unknown[] = [];
    const job = cronJob("* * * * * *", { onError: (error) => errors.push(error) }, async () => {
      throw new Error("boom");
    });
    try {
      await vi.advanceTimersByTimeAsync(3_000);
      expect(errors).toHaveLength(3);
      expect(errors[0]).toEqual(new Error("boom"));
    } finally {
      job.stop();
    }
  });

  it("stops", async () => {
    vi.setSystemTime(new Date("2026-03-16T04:00:00.500Z"));
    let runs = 0;
    const job = cronJob("* * * * * *", { onError: () => {} }, async () => void (runs += 1));
    await vi.advanceTimersByTimeAsync(1_000);
    job.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
  });
});
