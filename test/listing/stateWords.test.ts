import { describe, expect, it } from "vitest";
import { canonicalState, encodeOem, stateWords, utf8Bytes } from "../../src/listing/index.js";

describe("canonicalState", () => {
  const cases: { name: string; word: string; want: string | undefined }[] = [
    { name: "Active", word: "Active", want: "active" },
    { name: "upper case", word: "ACTIVE", want: "active" },
    { name: "Disc lower case", word: "disc", want: "disconnected" },
    { name: "Down", word: "Down", want: "down" },
    { name: "Abhör. UTF-8", word: utf8Bytes("Abhör."), want: "listen" },
    { name: "Abhör. CP850", word: "Abh\x94r.", want: "listen" },
    { name: "ABHÖR. CP850", word: "ABH\x99R.", want: "listen" },
    { name: "Abhör. as Unicode text", word: "Abhör.", want: "listen" },
    { name: "Getr.", word: "Getr.", want: "disconnected" },
    { name: "Verb.", word: "Verb.", want: "connected" },
    { name: "Déco UTF-8", word: utf8Bytes("Déco"), want: "disconnected" },
    { name: "Déco CP850", word: "D\x82co", want: "disconnected" },
    { name: "Écouter CP850", word: "\x90couter", want: "listen" },
    { name: "Rimani in ascolto", word: "Rimani in ascolto", want: "listen" },
    { name: "Activo", word: "Activo", want: "active" },
    { name: "Desc", word: "Desc", want: "disconnected" },
    { name: "Escuchar", word: "Escuchar", want: "listen" },
    { name: "ESCUCHAR upper case", word: "ESCUCHAR", want: "listen" },
    { name: "Прием UTF-8", word: utf8Bytes("Прием"), want: "listen" },
    { name: "Прием CP866", word: "\x8f\xe0\xa8\xa5\xac", want: "listen" },
    { name: "ПОДКЛЮЧЕНО CP866", word: encodeOem("ПОДКЛЮЧЕНО", "cp866"), want: "connected" },
    { name: "Диск CP866", word: encodeOem("Диск", "cp866"), want: "disconnected" },
    { name: "Активно UTF-8", word: utf8Bytes("Активно"), want: "active" },
    { name: "Прие (cut short) CP866", word: "\x8f\xe0\xa8\xa5", want: undefined },
    { name: "unknown word", word: "Listening", want: undefined },
    { name: "empty", word: "", want: undefined },
  ];
  it.each(cases)("$name", ({ word, want }) => {
    expect(canonicalState(word)).toBe(want);
  });
});

describe("stateWords table", () => {
  const cases: { word: string; utf8: string; oem: string }[] = [
    { word: "Abhör.", utf8: "Abh\xc3\xb6r.", oem: "Abh\x94r." },
    { word: "Déco", utf8: "D\xc3\xa9co", oem: "D\x82co" },
    {
      word: "Прием",
      utf8: "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb5\xd0\xbc",
      oem: "\x8f\xe0\xa8\xa5\xac",
    },
    { word: "Disc", utf8: "Disc", oem: "Disc" },
  ];
  it.each(cases)("$word has its UTF-8 and OEM bytes", ({ word, utf8, oem }) => {
    const entry = stateWords.find((candidate) => candidate.word === word);
    expect({ utf8: entry?.utf8, oem: entry?.oem }).toEqual({ utf8, oem });
  });
  // Spanish words of the qwinsta listing in code-index id 19156706962 (fixture
  // qwinsta-es-remote-multiword-header-active-disc-blank-sessionname.txt).
  it("has the Spanish words of the recorded qwinsta listing", () => {
    const spanish = stateWords
      .filter((entry) => entry.language === "es")
      .map(({ word, state, oem }) => [word, state, oem]);
    expect(spanish).toEqual([
      ["Activo", "active", "Activo"],
      ["Desc", "disconnected", "Desc"],
      ["Conn", "connected", "Conn"],
      ["Escuchar", "listen", "Escuchar"],
    ]);
  });
  it("covers en de fr it es ru", () => {
    expect([...new Set(stateWords.map((entry) => entry.language))]).toEqual([
      "en",
      "de",
      "fr",
      "it",
      "es",
      "ru",
    ]);
  });
});
