import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  decodeConsole,
  decodeOem,
  encodeOem,
  guessConsoleCodePage,
} from "../../src/listing/codePages.js";

const everyByte = String.fromCharCode(...Array.from({ length: 256 }, (_, byte) => byte));

describe("OEM code pages", () => {
  // The tables are written out in src/listing/oemTables.ts; iconv-lite is the independent copy.
  it.each([437, 850, 866] as const)("cp%i decodes every byte as iconv-lite does", (page) => {
    expect(decodeConsole(everyByte, page)).toBe(
      iconv.decode(Buffer.from(everyByte, "latin1"), `cp${page}`),
    );
  });

  it.each(["cp850", "cp866"] as const)(
    "%s encodes every character it decodes back to its byte",
    (page) => {
      expect(decodeOem(everyByte, page)).toBe(iconv.decode(Buffer.from(everyByte, "latin1"), page));
      expect(encodeOem(decodeOem(everyByte, page), page)).toBe(everyByte);
    },
  );

  it("refuses a character the code page lacks, naming it", () => {
    expect(() => encodeOem("Zugriff verweigert: ж", "cp850")).toThrow('"ж" has no byte in cp850');
    expect(() => encodeOem("Ä", "cp866")).toThrow('"Ä" has no byte in cp866');
    expect(() => encodeOem("😀", "cp850")).toThrow("has no byte in cp850");
  });

  it("refuses text that is not a byte string", () => {
    expect(() => decodeOem("abc\u0100", "cp850")).toThrow("not a byte string: char 3 is U+100");
  });

  it("decodes UTF-8 as .NET does, an invalid byte becoming U+FFFD", () => {
    expect(decodeConsole("Gr\xc3\xbc\xdf", 65001)).toBe("Grü\ufffd");
  });

  it("guesses the code page of a Cyrillic header", () => {
    const header = encodeOem(" СЕАНС            ПОЛЬЗОВАТЕЛЬ", "cp866");
    expect(guessConsoleCodePage(`${header}\r\n`)).toBe(866);
    expect(guessConsoleCodePage(encodeOem("Benutzername Status Getrennt Ä", "cp850"))).toBe(850);
    expect(guessConsoleCodePage("SESSIONNAME USERNAME")).toBe(437);
  });
});
