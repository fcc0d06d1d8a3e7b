/** A stage's token bucket: `rateLimit` tokens per second, up to `burstLimit` at once. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rateLimit: number,
    private readonly burstLimit: number,
    now = Date.now(),
  ) {
    this.tokens = burstLimit;
    this.last = now;
  }

  /** Takes a token if one is left. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burstLimit, this.tokens + ((now - this.last) / 1000) * this.rateLimit);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
