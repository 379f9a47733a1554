/** Arithmetic mean of y[0..n), two-pass friendly; 0 for n = 0. */
export function mean(y: ArrayLike<number>, n: number = y.length): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i];
  return n === 0 ? 0 : sum / n;
}

/** Population standard deviation (divide by n) about a given mean. */
export function populationSd(y: ArrayLike<number>, mu: number, n: number = y.length): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - mu;
    ss += d * d;
  }
  return n === 0 ? 0 : Math.sqrt(ss / n);
}
