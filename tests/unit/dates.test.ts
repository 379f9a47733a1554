import { describe, expect, it } from "vitest";
import { addDays, daysBetween, serverTimeZone, startOfDayIn, todayIn, zonedInstant } from "~/utils/dates";

const at = (iso: string) => new Date(iso);

describe("todayIn: the calendar date on a time zone's clock", () => {
  it.each([
    ["Asia/Shanghai", "2026-03-15T16:00:00Z", "2026-03-16"], // midnight there
    ["Asia/Shanghai", "2026-03-15T15:59:59Z", "2026-03-15"],
    ["Pacific/Honolulu", "2026-03-16T04:00:00Z", "2026-03-15"],
    ["Pacific/Auckland", "2026-12-31T11:00:00Z", "2027-01-01"],
    ["Asia/Kathmandu", "2026-03-15T18:15:00Z", "2026-03-16"], // +05:45
    ["UTC", "2026-02-28T23:59:59Z", "2026-02-28"],
  ])("%s at %s is %s", (timeZone, now, expected) => {
    expect(todayIn(timeZone, at(now))).toBe(expected);
  });

  it("refuses an unknown time zone or an invalid instant, as Intl does", () => {
    expect(() => todayIn("Mars/Olympus_Mons", at("2026-03-16T00:00:00Z"))).toThrow(RangeError);
    expect(() => todayIn("UTC", new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("startOfDayIn: the first instant of a day on a time zone's clock", () => {
  it.each([
    ["2026-03-16", "Asia/Shanghai", "2026-03-15T16:00:00.000Z"],
    ["2026-03-16", "UTC", "2026-03-16T00:00:00.000Z"],
    ["2026-07-01", "America/New_York", "2026-07-01T04:00:00.000Z"],
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"], // clocks spring forward at 02:00
    // Santiago's clocks skip from 00:00 to 01:00 that day: the day starts at 01:00.
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s starts at %s", (date, timeZone, expected) => {
    expect(startOfDayIn(date, timeZone).toISOString()).toBe(expected);
  });

  it("is the start of the date todayIn names", () => {
    const start = startOfDayIn("2026-09-06", "America/Santiago");
    expect(todayIn("America/Santiago", start)).toBe("2026-09-06");
    expect(todayIn("America/Santiago", new Date(start.getTime() - 1))).toBe("2026-09-05");
  });

  it("refuses a malformed date and an unknown time zone", () => {
    expect(() => startOfDayIn("2026-02-30", "UTC")).toThrow();
    expect(() => startOfDayIn("2026-03-16", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("zonedInstant: a wall time on a time zone's clock", () => {
  it.each([
    ["2026-03-16", 2, 30, "Asia/Shanghai", "2026-03-15T18:30:00.000Z"],
    ["2026-03-16", 2, 30, "Asia/Kolkata", "2026-03-15T21:00:00.000Z"],
    ["2026-01-15", 2, 30, "America/New_York", "2026-01-15T07:30:00.000Z"],
    ["2026-07-01", 2, 30, "America/New_York", "2026-07-01T06:30:00.000Z"],
  ])("%s %i:%i in %s is %s", (date, hour, minute, timeZone, expected) => {
    expect(zonedInstant(date, { hour, minute }, timeZone).toISOString()).toBe(expected);
  });

  it("moves a wall time in a spring-forward gap by the gap: early west of Greenwich, late east of it", () => {
    // New York skips 02:00–03:00 EST on 2026-03-08: 02:30 becomes 01:30 EST.
    expect(zonedInstant("2026-03-08", { hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T06:30:00.000Z",
    );
    // Berlin skips 02:00–03:00 CET on 2026-03-29: 02:30 becomes 03:30 CEST.
    expect(zonedInstant("2026-03-29", { hour: 2, minute: 30 }, "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("gives one of the two instants of a wall time that occurs twice", () => {
    // New York shows 01:30 twice on 2026-11-01 (EDT, then EST).
    expect(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]).toContain(
      zonedInstant("2026-11-01", { hour: 1, minute: 30 }, "America/New_York").toISOString(),
    );
  });

  it("refuses an unknown time zone", () => {
    expect(() => zonedInstant("2026-03-16", { hour: 2, minute: 30 }, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("calendar arithmetic", () => {
  it("adds days and counts them across months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-25", "2027-01-01")).toBe(7);
  });
});

describe("serverTimeZone", () => {
  it("names the zone the process's own Date reads its clock in", () => {
    const zone = serverTimeZone();
    const now = at("2026-07-01T12:34:56Z");
    const local = new Date(now);
    expect(todayIn(zone, now)).toBe(
      `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`,
    );
    expect(zonedInstant(todayIn(zone, now), { hour: local.getHours(), minute: local.getMinutes() }, zone).getTime()).toBe(
      now.getTime() - now.getUTCSeconds() * 1000,
    );
  });
});
