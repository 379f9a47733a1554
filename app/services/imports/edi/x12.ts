import { wholeNumber } from "~/utils/input/decimal";

/**
 * A reader of ANSI X12 interchanges: text in, envelopes and segments out, no I/O. The delimiters
 * are the interchange's own, read from its fixed-length ISA segment: the element separator is the
 * character after "ISA", the component separator is ISA16, the segment terminator the character
 * after it. Line breaks, spaces and indentation between segments are tolerated, as gateways add
 * them freely. Versions 003030 to 005010 are read.
 *
 * A malformed envelope (no ISA, an ISA of the wrong length, a GS/ST that is never closed, counts
 * or control numbers of IEA, GE and SE that do not match) is an X12Error naming the segment.
 *
 * @example
 * const [interchange] = readX12(text);
 * for (const group of interchange.groups) for (const set of group.transactionSets) set.segments;
 */

export interface X12Delimiters {
  element: string;
  component: string;
  segment: string;
}

export interface X12Segment {
  /** The segment's tag: ISA, GS, ST, LIN, ZA… */
  id: string;
  /** Element 1 at index 1 (index 0 is the tag), as X12 numbers them: `elements[2]` is LIN02. */
  elements: string[];
  /** Position in its transaction set, ST being 1 (as a 997's AK3 counts); 0 outside a set. */
  position: number;
}

export interface X12TransactionSet {
  /** ST01: 852, 846… */
  id: string;
  /** ST02 */
  control: string;
  /** ST to SE, both included. */
  segments: X12Segment[];
}

export interface X12Group {
  /** GS01: PD for 852, IB for 846. */
  functionalId: string;
  sender: string;
  receiver: string;
  /** GS06 */
  control: string;
  /** GS08, e.g. 004010 or 004010VICS. */
  version: string;
  transactionSets: X12TransactionSet[];
}

export interface X12Interchange {
  senderQualifier: string;
  /** ISA06, trimmed. */
  sender: string;
  receiverQualifier: string;
  /** ISA08, trimmed. */
  receiver: string;
  /** ISA12, e.g. 00401. */
  version: string;
  /** ISA13 */
  control: string;
  /** ISA15: P production, T test. */
  usage: string;
  /** The ISA segment's elements as written (fixed widths kept), for an answer that mirrors them. */
  isa: string[];
  delimiters: X12Delimiters;
  groups: X12Group[];
}

/** Why an interchange cannot be read, naming the segment (and its ordinal in the file). */
export class X12Error extends Error {
  readonly segment: string;
  /** The segment's ordinal in the file, the first being 1; 0 when there is none. */
  readonly ordinal: number;

  constructor(segment: string, ordinal: number, message: string) {
    super(`${segment}${ordinal > 0 ? ` (segment ${ordinal})` : ""}: ${message}`);
    this.name = "X12Error";
    this.segment = segment;
    this.ordinal = ordinal;
  }
}

/** ISA01…ISA16's fixed widths: the ISA segment is 106 characters with its terminator. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
const ISA_LENGTH = 3 + ISA_WIDTHS.reduce((sum, width) => sum + width + 1, 0) + 1;
const OLDEST_VERSION = 3030;
/** Envelope segments, which never occur inside a transaction set. */
const ENVELOPES = new Set(["ISA", "IEA", "GS", "GE", "ST"]);
const NEWEST_VERSION = 5010;

/**
 * A functional group or transaction set without the envelope around it (what a gateway's log or a
 * trading partner's sample often holds): GS or ST, a separator, and the code that follows them.
 */
const BARE_GROUP_OR_SET = /^(?:GS([^\w\s])[A-Z]{2}\1|ST([^\w\s])\d{3}\2)/;

/**
 * Does this text start (after a byte-order mark and blank space) like an X12 interchange? A bare
 * group or set counts, so that it is refused as X12 without its envelope rather than as a table.
 */
export function looksLikeX12(text: string): boolean {
  const start = text.replace(/^\uFEFF?\s*/, "");
  return start.startsWith("ISA") || BARE_GROUP_OR_SET.test(start);
}

/** Reads every interchange of the text, in order. */
export function readX12(text: string): X12Interchange[] {
  const interchanges: X12Interchange[] = [];
  let at = skipBlank(text, 0);
  let ordinal = 0;
  if (text.startsWith("\uFEFF", at)) at = skipBlank(text, at + 1);
  if (!text.startsWith("ISA", at)) {
    const bare = BARE_GROUP_OR_SET.exec(text.slice(at));
    if (bare) {
      const tag = text.slice(at, at + 2);
      throw new X12Error(
        "ISA",
        0,
        `the file starts with ${tag}: a ${tag === "ST" ? "transaction set" : "functional group"} without the ISA envelope around it`,
      );
    }
    throw new X12Error("ISA", 0, "the file does not start with an ISA segment");
  }
  while (at < text.length) {
    const read = readInterchange(text, at, ordinal);
    interchanges.push(read.interchange);
    ordinal = read.ordinal;
    at = skipBlank(text, read.end);
    if (at < text.length && !text.startsWith("ISA", at)) {
      throw new X12Error(text.slice(at, at + 3), ordinal + 1, "text after IEA that is not another interchange");
    }
  }
  return interchanges;
}

function skipBlank(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at += 1;
  return at;
}

function readInterchange(text: string, start: number, ordinalBefore: number) {
  let ordinal = ordinalBefore + 1;
  const isaOrdinal = ordinal;
  const element = text[start + 3];
  if (!element || /[\sA-Za-z0-9]/.test(element)) {
    throw new X12Error("ISA", ordinal, "no element separator after ISA");
  }
  const isaText = text.slice(start, start + ISA_LENGTH - 1);
  const isa = isaText.split(element);
  if (
    isa.length !== 17 ||
    isaText.length !== ISA_LENGTH - 1 ||
    isa.some((value, i) => i > 0 && value.length !== ISA_WIDTHS[i - 1])
  ) {
    throw new X12Error("ISA", ordinal, `the ISA segment must be ${ISA_LENGTH} characters with fixed-width elements`);
  }
  const component = isa[16];
  const segment = text[start + ISA_LENGTH - 1];
  if (segment === undefined || segment === element || segment === component || /[A-Za-z0-9 ]/.test(segment)) {
    throw new X12Error("ISA", ordinal, "no segment terminator after ISA16");
  }
  const isaVersion = /^\d{5}$/.test(isa[12]) ? (wholeNumber(isa[12]) ?? 0) * 10 : 0;
  if (isaVersion < OLDEST_VERSION || isaVersion > NEWEST_VERSION) {
    throw new X12Error("ISA", ordinal, `version ${isa[12]} is not read (00303 to 00501)`);
  }
  const delimiters: X12Delimiters = { element, component, segment };
  const interchange: X12Interchange = {
    senderQualifier: isa[5],
    sender: isa[6].trim(),
    receiverQualifier: isa[7],
    receiver: isa[8].trim(),
    version: isa[12],
    control: isa[13],
    usage: isa[15],
    isa,
    delimiters,
    groups: [],
  };

  let at = start + ISA_LENGTH;
  let group: X12Group | null = null;
  let set: X12TransactionSet | null = null;
  let groupOrdinal = 0;
  let setOrdinal = 0;
  for (;;) {
    at = skipBlank(text, at);
    if (at >= text.length) {
      if (set) throw new X12Error("ST", setOrdinal, `transaction set ${set.control} has no SE`);
      throw new X12Error("IEA", ordinal, `interchange ${interchange.control} has no IEA`);
    }
    const end = text.indexOf(segment, at);
    const raw = (end === -1 ? text.slice(at) : text.slice(at, end)).replace(/[\r\n]+$/, "");
    at = end === -1 ? text.length : end + 1;
    if (raw.trim() === "") continue;
    ordinal += 1;
    const elements = raw.split(element);
    const id = elements[0].trim();
    elements[0] = id;
    if (set && ENVELOPES.has(id)) throw new X12Error("ST", setOrdinal, `transaction set ${set.control} has no SE`);
    if (set) {
      set.segments.push({ id, elements, position: set.segments.length + 1 });
      if (id !== "SE") continue;
      const declared = elements[1];
      if (elements[2] !== set.control) {
        throw new X12Error("SE", ordinal, `SE02 ${elements[2] ?? ""} does not match ST02 ${set.control}`);
      }
      if (wholeNumber(declared) !== set.segments.length) {
        throw new X12Error(
          "SE",
          ordinal,
          `SE01 ${declared ?? ""} does not match the ${set.segments.length} segments of transaction set ${set.control}`,
        );
      }
      group!.transactionSets.push(set);
      set = null;
      continue;
    }
    switch (id) {
      case "GS": {
        if (group) throw new X12Error("GS", ordinal, `group ${group.control} has no GE`);
        const version = elements[8] ?? "";
        const number = /^\d{6}/.test(version) ? (wholeNumber(version.slice(0, 6)) ?? 0) : 0;
        if (number < OLDEST_VERSION || number > NEWEST_VERSION) {
          throw new X12Error("GS", ordinal, `version ${version} is not read (003030 to 005010)`);
        }
        group = {
          functionalId: elements[1] ?? "",
          sender: (elements[2] ?? "").trim(),
          receiver: (elements[3] ?? "").trim(),
          control: elements[6] ?? "",
          version,
          transactionSets: [],
        };
        groupOrdinal = ordinal;
        continue;
      }
      case "ST":
        if (!group) throw new X12Error("ST", ordinal, "ST outside a functional group (no GS before it)");
        set = { id: elements[1] ?? "", control: elements[2] ?? "", segments: [{ id, elements, position: 1 }] };
        setOrdinal = ordinal;
        continue;
      case "GE": {
        if (!group) throw new X12Error("GE", ordinal, "GE without GS");
        if (elements[2] !== group.control) {
          throw new X12Error("GE", ordinal, `GE02 ${elements[2] ?? ""} does not match GS06 ${group.control}`);
        }
        if (wholeNumber(elements[1]) !== group.transactionSets.length) {
          throw new X12Error(
            "GE",
            ordinal,
            `GE01 ${elements[1] ?? ""} does not match the ${group.transactionSets.length} transaction sets of group ${group.control}`,
          );
        }
        interchange.groups.push(group);
        group = null;
        continue;
      }
      case "IEA": {
        if (group) throw new X12Error("GS", groupOrdinal, `group ${group.control} has no GE`);
        if (elements[2] !== interchange.control) {
          throw new X12Error("IEA", ordinal, `IEA02 ${elements[2] ?? ""} does not match ISA13 ${interchange.control}`);
        }
        if (wholeNumber(elements[1]) !== interchange.groups.length) {
          throw new X12Error(
            "IEA",
            ordinal,
            `IEA01 ${elements[1] ?? ""} does not match the ${interchange.groups.length} functional groups of interchange ${interchange.control}`,
          );
        }
        return { interchange, end: at, ordinal };
      }
      case "ISA":
        throw new X12Error("ISA", ordinal, `interchange ${interchange.control} (ISA at segment ${isaOrdinal}) has no IEA`);
      case "TA1":
        continue;
      default:
        throw new X12Error(id, ordinal, "segment outside a transaction set (no ST before it)");
    }
  }
}
