import { wholeNumber } from "~/utils/input/decimal";
import type { RowProblem } from "../rows";
import type { X12Group, X12Interchange, X12TransactionSet } from "./x12";

/**
 * The 997 functional acknowledgment of an interchange read: for each functional group, AK1
 * (GS01, GS06), per transaction set AK2 (ST01, ST02), AK3 for each segment in error (its tag and
 * position in the set, error 8: data element errors) with AK4 when the element is known (error 7),
 * AK5 A (accepted) or R (rejected, 5: segments in error); AK9 A, P (partly) or R with the counts.
 * It answers in the interchange's own delimiters and version, sender and receiver swapped, under
 * our own control number. Pure.
 */

export interface AcknowledgedSet {
  interchange: X12Interchange;
  group: X12Group;
  set: X12TransactionSet;
  problems: readonly RowProblem[];
}

const two = (n: number) => String(n).padStart(2, "0");

/** A nine-digit ISA13 of our own, stable for an import (its id's first hex digits, as a number). */
export function controlNumberOf(importId: string): string {
  const digits = BigInt(`0x${importId.replace(/-/g, "").slice(0, 12)}`) % 1_000_000_000n;
  return digits.toString().padStart(9, "0");
}

export function build997(sets: readonly AcknowledgedSet[], control: string, at: Date): string {
  const out: string[] = [];
  const interchanges = [...new Set(sets.map((s) => s.interchange))];
  for (const interchange of interchanges) {
    const { element: e, segment: t } = interchange.delimiters;
    const segments: string[][] = [];
    const isa = interchange.isa;
    const date = `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}`;
    const time = `${two(at.getUTCHours())}${two(at.getUTCMinutes())}`;
    segments.push([
      "ISA",
      isa[1],
      isa[2],
      isa[3],
      isa[4],
      isa[7],
      isa[8],
      isa[5],
      isa[6],
      date.slice(2),
      time,
      isa[11],
      isa[12],
      control,
      "0",
      isa[15],
      isa[16],
    ]);
    const groups = [...new Set(sets.filter((s) => s.interchange === interchange).map((s) => s.group))];
    groups.forEach((group, g) => {
      const groupControl = String(g + 1);
      // GS04 is YYMMDD before 004010 (the version that widened dates to CCYYMMDD), as the sender's own GS.
      const groupDate = (wholeNumber(group.version.slice(0, 6)) ?? 0) < 4010 ? date.slice(2) : date;
      segments.push(["GS", "FA", group.receiver, group.sender, groupDate, time, groupControl, "X", group.version]);
      const body: string[][] = [
        ["ST", "997", "0001"],
        ["AK1", group.functionalId, group.control],
      ];
      let accepted = 0;
      const acknowledged = sets.filter((s) => s.group === group);
      for (const { set, problems } of acknowledged) {
        body.push(["AK2", set.id, set.control]);
        const seen = new Set<number>();
        for (const p of problems) {
          const segment = set.segments[p.row - 1];
          if (!segment || seen.has(p.row)) continue;
          seen.add(p.row);
          body.push(["AK3", segment.id, String(p.row), "", "8"]);
          const element = /^[A-Z][A-Z0-9]{1,2}(\d{2})$/.exec(p.column ?? "")?.[1];
          if (element) body.push(["AK4", String(wholeNumber(element)), "", "7", (p.value ?? "").slice(0, 99)]);
        }
        if (seen.size === 0) accepted += 1;
        body.push(seen.size === 0 ? ["AK5", "A"] : ["AK5", "R", "5"]);
      }
      const total = String(acknowledged.length);
      const status = accepted === acknowledged.length ? "A" : accepted === 0 ? "R" : "P";
      body.push(["AK9", status, total, total, String(accepted)]);
      body.push(["SE", String(body.length + 1), "0001"]);
      segments.push(...body, ["GE", "1", groupControl]);
    });
    segments.push(["IEA", String(groups.length), control]);
    // One segment a line, unless the terminator is itself a line break.
    out.push(segments.map((s) => s.join(e) + t).join(/\s/.test(t) ? "" : "\n") + (/\s/.test(t) ? "" : "\n"));
  }
  return out.join("");
}
