import { describe, expect, it } from "vitest";
import { encodeOem, listingProcessResult } from "../../src/listing/index.js";

const listing =
  " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE\r\n services                                    0  Disc\r\n";
const userListing =
  " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME\r\n>bob                   console             1  Active      none   7/13/2018 11:26 AM\r\n";

describe("listingProcessResult", () => {
  const cases: { name: string; text: string; want: ReturnType<typeof listingProcessResult> }[] = [
    {
      name: "query session listing",
      text: listing,
      want: { stdout: listing, stderr: "", exitCode: 0 },
    },
    {
      name: "query user listing",
      text: userListing,
      want: { stdout: userListing, stderr: "", exitCode: 0 },
    },
    {
      name: "access denied",
      text: "Error 0x00000005 enumerating sessionnames\r\nError [5]:Access is denied.\r\n",
      want: {
        stdout: "",
        stderr: "Error 0x00000005 enumerating sessionnames\r\nError [5]:Access is denied.\r\n",
        exitCode: 1,
      },
    },
    {
      name: "Russian error in CP866",
      text: encodeOem("Ошибка [5]:Отказано в доступе\r\n", "cp866"),
      want: {
        stdout: "",
        stderr: encodeOem("Ошибка [5]:Отказано в доступе\r\n", "cp866"),
        exitCode: 1,
      },
    },
    {
      name: "quser nobody there",
      text: "No User exists for *\r\n",
      want: { stdout: "", stderr: "No User exists for *\r\n", exitCode: 1 },
    },
    {
      name: "PowerShell-wrapped qwinsta message",
      text: "qwinsta.exe : No session exists for *\n    + CategoryInfo          : NotSpecified: (No session exists for *:String) [], RemoteException\n",
      want: { stdout: "", stderr: "No session exists for *\r\n", exitCode: 1 },
    },
  ];
  it.each(cases)("$name", ({ text, want }) => {
    expect(listingProcessResult(text)).toEqual(want);
  });
  it("throws the query session parser's error for garbage", () => {
    expect(() => listingProcessResult("hello world\n")).toThrow(
      "line 1: not query session output: no header line (a line with an ID title), and no row has its ID ending at column 45 (narrow) or 53 (wide)",
    );
  });
});
