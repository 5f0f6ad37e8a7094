import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../src/paths.js";

const folder = path.join(fixturesDir, "rd-user-session");
const files = (await readdir(folder)).filter((name) => name.endsWith(".json")).sort();

/**
 * The documented Get-RDUserSession properties and value forms (FORMAT-NOTES.md §8), and
 * DisconnectTime (fixtures/rd-user-session/README.md).
 */
const properties = [
  "HostServer",
  "UnifiedSessionId",
  "SessionId",
  "UserName",
  "DomainName",
  "CollectionName",
  "SessionState",
  "IdleTime",
  "DisconnectTime",
];
const states = ["STATE_ACTIVE", "STATE_DISCONNECTED", "STATE_IDLE", "STATE_CONNECTED"];

/** The reason a session object does not have the documented shape, or "ok". */
function shapeProblem(session: Record<string, unknown>): string {
  const keys = Object.keys(session);
  if (keys.join() !== properties.join()) return `properties ${keys.join()}`;
  for (const key of ["UnifiedSessionId", "SessionId", "IdleTime"]) {
    if (!Number.isInteger(session[key]) || (session[key] as number) < 0) return `${key} not >= 0`;
  }
  for (const key of ["HostServer", "UserName", "DomainName", "CollectionName"]) {
    if (typeof session[key] !== "string" || session[key] === "") return `${key} not a name`;
  }
  if (!states.includes(session.SessionState as string)) return "unknown SessionState";
  const disconnectTime = session.DisconnectTime;
  if (disconnectTime !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(String(disconnectTime))) {
    return "DisconnectTime neither null nor yyyy-MM-ddTHH:mm:ss";
  }
  return "ok";
}

describe("rd-user-session fixtures", () => {
  it("has 4-6 arrays", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.length).toBeLessThanOrEqual(6);
  });
  it.each(files)("%s has the documented properties and a source note", async (name) => {
    const sessions = JSON.parse(await readFile(path.join(folder, name), "utf8")) as Record<
      string,
      unknown
    >[];
    expect(sessions.map(shapeProblem)).toEqual(sessions.map(() => "ok"));
    expect(existsSync(path.join(folder, name.replace(/\.json$/, ".source.md")))).toBe(true);
  });
  it("covers two hosts sharing a UnifiedSessionId and all four states", async () => {
    const sessions = (
      await Promise.all(
        files.map(
          async (name) =>
            JSON.parse(await readFile(path.join(folder, name), "utf8")) as Record<
              string,
              unknown
            >[],
        ),
      )
    ).flat();
    const shared = sessions.filter((a) =>
      sessions.some(
        (b) => a.UnifiedSessionId === b.UnifiedSessionId && a.HostServer !== b.HostServer,
      ),
    );
    expect(shared.length).toBeGreaterThan(0);
    expect([...new Set(sessions.map((s) => s.SessionState))].sort()).toEqual([...states].sort());
  });
});
