import { describe, expect, it } from "vitest";
import { formatDay, formatInstant, formatMoney, formatQuantity } from "~/utils/format";

describe("formatting for the tenant", () => {
  it("formats quantities with the language's separators", () => {
    expect(formatQuantity("en", 1234567.891)).toBe("1,234,567.89");
    expect(formatQuantity("zh-CN", 1234567.891)).toBe("1,234,567.89");
    expect(formatQuantity("en", null)).toBe("—");
  });

  it("formats money in the tenant's currency", () => {
    expect(formatMoney("zh-CN", "CNY", 1234.5)).toBe("¥1,234.50");
    expect(formatMoney("en", "CNY", 1234.5)).toBe("CN¥1,234.50");
    expect(formatMoney("en", "USD", 0)).toBe("$0.00");
  });

  it("shows a calendar day as that day, whatever the server's time zone", () => {
    expect(formatDay("en", "2026-01-31")).toBe("Jan 31, 2026");
    expect(formatDay("zh-CN", "2026-01-31")).toBe("2026年1月31日");
  });

  it("shows an instant in the tenant's time zone", () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Shanghai.
    expect(formatInstant("en", "Asia/Shanghai", "2026-01-31T23:30:00Z")).toBe("Feb 1, 2026, 7:30 AM");
    expect(formatInstant("en", "UTC", "2026-01-31T23:30:00Z")).toBe("Jan 31, 2026, 11:30 PM");
  });
});
