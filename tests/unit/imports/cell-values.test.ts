import { describe, expect, it } from "vitest";
import { parseImportDate, parseImportNumber } from "~/services/imports/read/index.server";

describe("parseImportDate", () => {
  it.each([
    ["2026-03-05", "2026-03-05"],
    ["2026/3/5", "2026-03-05"],
    ["2026.3.5", "2026-03-05"],
    ["2026年3月5日", "2026-03-05"],
    ["20260305", "2026-03-05"],
    ["2026-03-05 00:00:00", "2026-03-05"],
    ["2026-03-05T00:00:00", "2026-03-05"],
    ["2026/3/5 14:30", "2026-03-05"],
    [" 2026-12-31 ", "2026-12-31"],
    ["２０２６－０３－０５", "2026-03-05"],
    ["2028-02-29", "2028-02-29"],
  ])("reads %s as %s", (text, value) => {
    expect(parseImportDate(text)).toEqual({ ok: true, value });
  });

  it.each([
    "2026-02-30",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "05/03/2026",
    "3/5/2026",
    "05.03.2026",
    "2026-03/05",
    "26-03-05",
    "2026035",
    "46086",
    "",
    "tomorrow",
    "2026-03-05 25",
  ])("refuses %j", (text) => {
    expect(parseImportDate(text)).toEqual({ ok: false });
  });
});

describe("parseImportNumber", () => {
  it.each([
    ["1234.5", 1234.5],
    ["1,234.5", 1234.5],
    ["1,234,567", 1234567],
    ["  42 ", 42],
    ["１２３４．５", 1234.5],
    ["１，２３４", 1234],
    ["+7", 7],
    ["-3.25", -3.25],
    ["−3", -3],
    ["-0", 0],
    ["0", 0],
    ["007", 7],
  ])("reads %j as %s", (text, value) => {
    expect(parseImportNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    "1e3",
    "0x10",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.2.3",
    "1,23,4",
    "12,34",
    "1,2345",
    ",123",
    "1,",
    "",
    " ",
    "1 234",
    "abc",
    "5kg",
    ".",
    "1.",
  ])("refuses %j", (text) => {
    expect(parseImportNumber(text)).toEqual({ ok: false });
  });
});
