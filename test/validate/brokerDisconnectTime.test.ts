/**
 * `disconnectedMinutes` on the RD Connection Broker counts from `DisconnectTime`, not IDLE TIME
 * (rdlogoff issue 12, item 6): the broker fixture where the two disagree tells them apart.
 */
import { describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import type { Artifact } from "../../src/emit/artifact.js";
import {
  brokerFixtures,
  minutesSinceDisconnect,
  outcomeMismatch,
  runPowerShellOnBroker,
} from "../../src/validate/simulate.js";
import { optionsFromYaml } from "../support/options.js";

const { plans, artifacts } = await compileOptions(
  optionsFromYaml(
    "targets:\n  - name: disconnected-60\n    formats: [ps1]\n    disconnectedMinutes: 60\n",
  ),
);
const plan = plans[0];
const script = artifacts[0];
const fixture = (await brokerFixtures()).find((f) => f.name === "disconnect-time-not-idle-time");
if (!plan || !script || !fixture) throw new Error("no plan, script or fixture");

const logoff = (host: string, id: number): string =>
  `invoke-rduserlogoff -HostServer ${host}.corp.example.com -UnifiedSessionID ${id} -Force`;

describe("disconnectedMinutes on the broker", () => {
  it("reads minutes from DisconnectTime against the fixture clock, and no time as unknown", () => {
    expect(minutesSinceDisconnect("2023-12-30T00:00:00")).toBe(2880);
    expect(minutesSinceDisconnect("2023-12-31T23:00:00")).toBe(60);
    expect(minutesSinceDisconnect(null)).toBeUndefined();
    expect(minutesSinceDisconnect("0001-01-01T00:00:00")).toBeUndefined();
    expect(minutesSinceDisconnect("1601-01-01T00:00:00")).toBeUndefined();
  });

  it("logs off the sessions disconnected long enough, not those idle long enough", async () => {
    const run = await runPowerShellOnBroker(script, plan, fixture);
    // frank: disconnected 2880 minutes, idle 5; judy: active; ken: disconnected exactly 60.
    // grace (idle 180, disconnected 10), heidi (no DisconnectTime) and ivan (0001-01-01) stay.
    expect(run.loggedOff).toEqual([logoff("rdsh01", 2), logoff("rdsh02", 7), logoff("rdsh02", 8)]);
    expect(outcomeMismatch(run)).toBeUndefined();
  });

  it("fails a script that counts IDLE TIME on the broker", async () => {
    const text = script.bytes.toString("latin1");
    const ruleLine = /\$Session\.DisconnectedFor/g;
    expect(text.match(ruleLine)?.length).toBe(2);
    const idleScript: Artifact = {
      ...script,
      bytes: Buffer.from(text.replace(ruleLine, "$Session.Idle"), "latin1"),
    };
    const run = await runPowerShellOnBroker(idleScript, plan, fixture);
    expect(run.loggedOff).toEqual([
      logoff("rdsh01", 4),
      logoff("rdsh02", 5),
      logoff("rdsh02", 6),
      logoff("rdsh02", 7),
    ]);
    expect(outcomeMismatch(run)).toMatch(/invoke-rduserlogoff/);
  });
});
