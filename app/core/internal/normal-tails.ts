/**
 * Both tails of the standard normal distribution to full double precision: W. J. Cody's rational
 * Chebyshev approximations (Cody 1969, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 23), arranged as in R's `pnorm_both` (src/nmath/pnorm.c), including its
 * split of exp(−x²/2) into two factors so the far tails keep their relative accuracy.
 */
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;
const HALF_EPSILON = Number.EPSILON * 0.5;

/** exp(−x²/2) · factor, with x² split so that the large part is exact. */
function gaussianTimes(x: number, factor: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * factor;
}

/** P(Z ≤ x) when `upper` is false, P(Z > x) when it is true. */
export function normalTail(x: number, upper: boolean): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > HALF_EPSILON) {
      const xsq = x * x;
      xnum = A[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
    }
    const temp = (x * (xnum + A[3])) / (xden + B[3]);
    return upper ? 0.5 - temp : 0.5 + temp;
  }
  let small: number;
  if (y <= SQRT_32) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    small = gaussianTimes(y, (xnum + C[7]) / (xden + D[7]));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let xnum = P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]) * xsq;
      xden = (xden + Q[i]) * xsq;
    }
    const temp = (xsq * (xnum + P[4])) / (xden + Q[4]);
    small = gaussianTimes(y, (ONE_OVER_SQRT_2PI - temp) / y);
  } else {
    small = 0;
  }
  // `small` is the tail beyond |x|; which side it is depends on the sign of x.
  const isSmallSide = upper ? x > 0 : x < 0;
  return isSmallSide ? small : 1 - small;
}

/** φ(x), the standard normal density. */
export function gaussianDensity(x: number): number {
  return gaussianTimes(Math.abs(x), ONE_OVER_SQRT_2PI);
}
