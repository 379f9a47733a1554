/**
 * X12 interchanges written for tests: the envelope (ISA with its fixed widths, GS, ST, SE, GE,
 * IEA with their counts and control numbers) around the segments a test gives.
 */

export interface SampleSet {
  id?: string;
  control: string;
  /** The segments between ST and SE, elements joined by "*". */
  segments: string[];
}

export interface SampleInterchange {
  /** "004010" (the default) or "003030"… */
  version?: string;
  control?: string;
  groupControl?: string;
  functionalId?: string;
  sender?: string;
  receiver?: string;
  sets: SampleSet[];
  /** Between segments: "" (one line), "\r\n" or "\n"; indentation may follow. */
  separator?: string;
  terminator?: string;
  element?: string;
  component?: string;
}

const pad = (value: string, width: number) => value.padEnd(width, " ").slice(0, width);

export function x12(sample: SampleInterchange): string {
  const version = sample.version ?? "004010";
  const element = sample.element ?? "*";
  const terminator = sample.terminator ?? "~";
  const control = sample.control ?? "000000905";
  const groupControl = sample.groupControl ?? "905";
  const short = version.startsWith("00303") ? "YYMMDD" : "CCYYMMDD";
  const isa = [
    "ISA",
    "00",
    pad("", 10),
    "00",
    pad("", 10),
    "ZZ",
    pad(sample.sender ?? "ACMEGATEWAY", 15),
    "ZZ",
    pad(sample.receiver ?? "VMIPORTAL", 15),
    "261130",
    "0900",
    version.startsWith("00501") ? "^" : "U",
    version.slice(0, 5),
    control,
    "0",
    "P",
    sample.component ?? ">",
  ].join(element);
  const segments: string[] = [isa];
  segments.push(
    [
      "GS",
      sample.functionalId ?? "PD",
      sample.sender ?? "ACMEGATEWAY",
      sample.receiver ?? "VMIPORTAL",
      short === "YYMMDD" ? "261130" : "20261130",
      "0900",
      groupControl,
      "X",
      version,
    ].join(element),
  );
  for (const set of sample.sets) {
    const body = [["ST", set.id ?? "852", set.control].join(element), ...set.segments.map((s) => s.replaceAll("*", element))];
    segments.push(...body, ["SE", String(body.length + 1), set.control].join(element));
  }
  segments.push(["GE", String(sample.sets.length), groupControl].join(element), ["IEA", "1", control].join(element));
  const separator = sample.separator ?? "\n";
  return segments.map((s) => s + terminator).join(separator) + "\n";
}

/**
 * An 852 of two stores (the second known by its GLN): on hand and sales per item, one ZA with its
 * own date, a receipt and an order quantity as notes.
 */
export const TWO_STORES_852 = [
  "XQ*H*20261123*20261129",
  "N9*IA*VENDOR42",
  "N1*VN*ACME SUPPLY*92*VENDOR42",
  "N1*ST*STORE ONE*92*WH1",
  "LIN*1*UP*012345678905*VN*AB-12",
  "ZA*QA*40*EA",
  "ZA*QS*7*EA*003*20261125",
  "ZA*QR*12*EA",
  "LIN*2*IN*EDI-2",
  "ZA*QA*5*EA",
  "ZA*QP*3*EA",
  "N1*ST*STORE TWO*UL*0614141000012",
  "LIN*3*UP*012345678905",
  "ZA*QA*11*EA",
  "ZA*QS*2*EA",
  "CTT*3",
];

/**
 * A retailer's 852 as gateways send them (5010): sales per store in SDQ pairs by GLN under a
 * quantity-less ZA, prices (CTP) and references (PO4, N9) between, LIN01 the retailer's line ids,
 * empty pairs in the LIN.
 */
export const RETAIL_852_5010 = [
  "XQ*H*20261122*20261128",
  "N9*FI*00PFS",
  "N9*IA*830430645",
  "N1*FR*RETAILER*UL*0605388000002",
  "N1*TO*VENDOR",
  "DTM*097*20261129",
  "LIN*783496*IN*990402230*UP*012345678905*****UK*00012345678905",
  "PO4*1",
  "N9*IK*253250472064548",
  "ZA*QS",
  "CTP**UCP*12.29",
  "SDQ*EA*UL*0614141000012*3*0614141000029*5",
  "ZA*QA",
  "SDQ*EA*UL*0614141000012*40",
  "CTT*1",
];

/** An 846 (4010): on hand (17) and available (33) per item at a warehouse, dated per item. */
export const WAREHOUSE_846 = [
  "BIA*00*MM*INV-20261130*20261130",
  "DTM*405*20261129",
  "N1*WH*CENTRAL WAREHOUSE*92*WH1",
  "LIN**SK*EDI-2",
  "QTY*33*18*EA",
  "QTY*17*20*EA",
  "LIN**VP*AB-12",
  "DTM*405*20261127",
  "QTY*33*6*EA",
  "QTY*02*4*EA",
  "CTT*2",
];
