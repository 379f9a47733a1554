import { describe, expect, it } from "vitest";
import { looksLikeX12, readX12, X12Error } from "~/services/imports/edi/x12";
import { x12 } from "../../support/edi-interchanges";

const SET = { control: "0001", segments: ["XQ*H*20261123*20261129", "LIN**UP*012345678905", "ZA*QA*40*EA"] };

function errorOf(text: string): X12Error {
  try {
    readX12(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error("read without error");
}

describe("readX12", () => {
  it("reads the envelopes and the delimiters from the ISA segment", () => {
    const [interchange] = readX12(x12({ sets: [SET], control: "000000123", groupControl: "77" }));
    expect(interchange).toMatchObject({
      sender: "ACMEGATEWAY",
      receiver: "VMIPORTAL",
      control: "000000123",
      version: "00401",
      delimiters: { element: "*", component: ">", segment: "~" },
    });
    const [group] = interchange.groups;
    expect(group).toMatchObject({ functionalId: "PD", control: "77", version: "004010" });
    const [set] = group.transactionSets;
    expect(set).toMatchObject({ id: "852", control: "0001" });
    expect(set.segments.map((s) => [s.id, s.position])).toEqual([
      ["ST", 1],
      ["XQ", 2],
      ["LIN", 3],
      ["ZA", 4],
      ["SE", 5],
    ]);
    expect(set.segments[2].elements).toEqual(["LIN", "", "UP", "012345678905"]);
  });

  it("reads other delimiters, one-line and CRLF forms with indentation alike", () => {
    const base = readX12(x12({ sets: [SET] }))[0].groups;
    const oneLine = x12({ sets: [SET], separator: "", element: "|", terminator: "\n", component: ":" });
    const crlf = x12({ sets: [SET], separator: "\r\n   ", element: "^", terminator: "'" });
    expect(readX12(oneLine)[0].delimiters).toEqual({ element: "|", component: ":", segment: "\n" });
    expect(readX12(oneLine)[0].groups).toEqual(base);
    expect(readX12(crlf)[0].groups).toEqual(base);
    expect(readX12(`\uFEFF\r\n${x12({ sets: [SET], separator: "" })}\r\n\r\n`)[0].groups).toEqual(base);
  });

  it("reads versions 003030 to 005010 and refuses others", () => {
    expect(readX12(x12({ sets: [SET], version: "003030" }))[0].version).toBe("00303");
    expect(readX12(x12({ sets: [SET], version: "005010" }))[0].groups[0].version).toBe("005010");
    expect(errorOf(x12({ sets: [SET], version: "002040" })).segment).toBe("ISA");
    expect(errorOf(x12({ sets: [SET], version: "006020" })).segment).toBe("ISA");
  });

  it("reads two interchanges of one file", () => {
    const text = x12({ sets: [SET], control: "000000001" }) + x12({ sets: [SET], control: "000000002", element: "|" });
    expect(readX12(text).map((i) => i.control)).toEqual(["000000001", "000000002"]);
  });

  it("names the segment of a malformed interchange", () => {
    const good = x12({ sets: [SET] });
    expect(errorOf("HDR,sku\nA,1\n")).toMatchObject({ segment: "ISA", message: expect.stringContaining("ISA") });
    expect(errorOf(good.replace("ACMEGATEWAY    ", "ACMEGATEWAY"))).toMatchObject({ segment: "ISA" });
    expect(errorOf(good.replace("SE*5*0001", "SE*4*0001"))).toMatchObject({
      segment: "SE",
      message: expect.stringContaining("SE01 4 does not match the 5 segments"),
    });
    expect(errorOf(good.replace("SE*5*0001", "SE*5*0002")).message).toContain("SE02 0002 does not match ST02 0001");
    expect(errorOf(good.replace("GE*1*905", "GE*2*905")).segment).toBe("GE");
    expect(errorOf(good.replace("GE*1*905", "GE*1*906")).message).toContain("GE02 906 does not match GS06 905");
    expect(errorOf(good.replace("IEA*1*000000905", "IEA*1*000000906")).segment).toBe("IEA");
    expect(errorOf(good.replace(/IEA.*\n$/, ""))).toMatchObject({ segment: "IEA" });
    expect(errorOf(good.replace(/SE\*.*\n/, ""))).toMatchObject({ segment: "ST", message: expect.stringContaining("no SE") });
  });

  it("tells an interchange from a table by its start", () => {
    expect(looksLikeX12("\uFEFF\n ISA*00*")).toBe(true);
    expect(looksLikeX12("sku,site,day\n")).toBe(false);
    expect(looksLikeX12("ST,Site,Day\n")).toBe(false);
  });

  it("refuses a bare transaction set or group as X12 without its envelope, not as a table", () => {
    const bareSet = "ST*852*0001~XQ*F*20200101~N1*ST*STORE~LIN*1*UP*012345678905~ZA*QS*100~SE*6*0001~";
    expect(looksLikeX12(bareSet)).toBe(true);
    expect(looksLikeX12("\uFEFF\r\nGS*PD*S*R*20200101*1200*1*X*005010~")).toBe(true);
    expect(errorOf(bareSet)).toMatchObject({
      segment: "ISA",
      message: "ISA: the file starts with ST: a transaction set without the ISA envelope around it",
    });
    expect(errorOf("GS|IB|S|R|20200101|1200|1|X|004010\n").message).toContain("a functional group without the ISA envelope");
  });
});
