/** The emulator's clock, in unix seconds; tests move it to drive time-based state. */
export class Clock {
  private offset = 0;

  constructor(start?: number) {
    if (start !== undefined) this.set(start);
  }

  now(): number {
    return Math.floor(Date.now() / 1000) + this.offset;
  }

  advance(seconds: number): void {
    this.offset += seconds;
  }

  set(unixSeconds: number): void {
    this.offset = unixSeconds - Math.floor(Date.now() / 1000);
  }
}
