/**
 * The emulator's notion of "now". Tests move it to age keys or expire sessions without waiting;
 * it keeps ticking with real time from wherever it was set, so durations stay meaningful.
 */
export class Clock {
  private offsetMs = 0;

  /** The current emulator time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** The current emulator time truncated to whole seconds, the precision AWS's XML dates carry. */
  nowSeconds(): Date {
    return new Date(Math.floor(this.nowMs() / 1000) * 1000);
  }

  /** The current emulator time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Makes `date` the current time from now on. */
  setNow(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
  }

  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
