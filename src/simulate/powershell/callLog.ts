import type { World } from "../types.js";

/**
 * The call log of a run: every call the World recorded (native programs, RemoteDesktop cmdlets),
 * in order, with the interpreter's own entries (`start-sleep -Seconds 5`) between them where
 * they happened.
 */
export class CallLog {
  private readonly entries: string[] = [];
  private worldCallsSeen = 0;

  constructor(private readonly world: World) {}

  /** Appends one of the interpreter's own entries after the World's calls so far. */
  record(line: string): void {
    this.takeWorldCalls();
    this.entries.push(line);
  }

  /** Every call so far, in order. */
  get lines(): string[] {
    this.takeWorldCalls();
    return this.entries;
  }

  private takeWorldCalls(): void {
    const calls = this.world.calls;
    for (; this.worldCallsSeen < calls.length; this.worldCallsSeen++) {
      const call = calls[this.worldCallsSeen];
      if (call) this.entries.push([call.program, ...call.args].join(" "));
    }
  }
}
