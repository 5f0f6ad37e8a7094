/** Recorded-listing parsers, state words and fixture loading (rdlogoff issue 3). */
export { ListingError } from "./types.js";
export type {
  ListingRowBase,
  QuerySessionLayout,
  QuerySessionListing,
  QueryUserListing,
  QueryUserRow,
  SessionRow,
} from "./types.js";
export { parseQuerySession, querySessionGrids } from "./querySession.js";
export { parseQueryUser, idleMinutes, queryUserGrid } from "./queryUser.js";
export { listingProcessResult } from "./processResult.js";
export { canonicalState, stateWords, oemCodePageOf } from "./stateWords.js";
export type { ListingLanguage, StateWord } from "./stateWords.js";
export { listFixtures, loadListingFixture, FixtureError } from "./fixtures.js";
export type {
  FixtureEncoding,
  FixtureFinding,
  FixtureSidecar,
  FixtureSource,
  FixtureTranscoding,
  FixtureTruth,
  ListingFixture,
  ListingFixtureKind,
  TruthSession,
} from "./fixtures.js";
export { decodeOem, encodeOem, decodeUtf8, utf8Bytes } from "./codePages.js";
export type { OemCodePage } from "./codePages.js";
