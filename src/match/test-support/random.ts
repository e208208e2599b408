/** A 32-bit xorshift PRNG: tests that draw random data must draw the same data every run. */
export function seededRandom(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
