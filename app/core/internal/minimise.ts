/**
 * Small derivative-free minimisers for fitting smoothing parameters: deterministic, bounded, with a
 * fixed budget of evaluations, and allocation-free once the module is loaded (the simplex lives in
 * module scratch arrays; JavaScript runs one call at a time).
 */

const GOLDEN = 0.3819660112501051; // (3 − √5) / 2

/**
 * Brent's method (golden section with parabolic steps, as R's `optimize`) for the minimum of f on
 * [lo, hi], stopping after `evals` evaluations or when the bracket is narrower than `tol`.
 * Returns the best x found.
 */
export function brentMinimise(f: (x: number) => number, lo: number, hi: number, tol: number, evals: number): number {
  let a = lo;
  let b = hi;
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let used = 1; used < evals; used++) {
    const mid = 0.5 * (a + b);
    const tol1 = tol * 0.5;
    if (Math.abs(x - mid) <= 2 * tol1 - 0.5 * (b - a)) break;
    let parabolic = false;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - a < 2 * tol1 || b - u < 2 * tol1) d = x < mid ? tol1 : -tol1;
        parabolic = true;
      }
    }
    if (!parabolic) {
      e = x < mid ? b - x : a - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return x;
}

const MAX_DIM = 3;
const simplex = new Float64Array((MAX_DIM + 1) * MAX_DIM);
const values = new Float64Array(MAX_DIM + 1);
const centroid = new Float64Array(MAX_DIM);
const trial = new Float64Array(MAX_DIM);
const trial2 = new Float64Array(MAX_DIM);

function clampInto(p: Float64Array, lo: ArrayLike<number>, hi: ArrayLike<number>, dim: number): void {
  for (let i = 0; i < dim; i++) p[i] = p[i] < lo[i] ? lo[i] : p[i] > hi[i] ? hi[i] : p[i];
}

/**
 * Nelder–Mead in at most three dimensions inside the box [lo, hi] (trial points are clamped into
 * it), from the simplex of `x` and `x + step·eᵢ` (a step that leaves the box goes the other way).
 * Stops after `evals` evaluations or when the values at the simplex's points lie within `ftol` (relative).
 * Leaves the best point in `x` and returns its value.
 */
export function nelderMead(
  f: (p: Float64Array) => number,
  x: Float64Array,
  dim: number,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  step: ArrayLike<number>,
  ftol: number,
  evals: number,
): number {
  const n1 = dim + 1;
  for (let j = 0; j < n1; j++) {
    for (let i = 0; i < dim; i++) simplex[j * dim + i] = x[i];
    if (j > 0) {
      const i = j - 1;
      const up = x[i] + step[i];
      simplex[j * dim + i] = up <= hi[i] ? up : x[i] - step[i];
    }
    for (let i = 0; i < dim; i++) trial[i] = simplex[j * dim + i];
    clampInto(trial, lo, hi, dim);
    for (let i = 0; i < dim; i++) simplex[j * dim + i] = trial[i];
    values[j] = f(trial);
  }
  let used = n1;
  while (used < evals) {
    // Order: best first, worst last (insertion sort of at most four points).
    for (let j = 1; j < n1; j++) {
      for (let k = j; k > 0 && values[k] < values[k - 1]; k--) {
        const fv = values[k];
        values[k] = values[k - 1];
        values[k - 1] = fv;
        for (let i = 0; i < dim; i++) {
          const s = simplex[k * dim + i];
          simplex[k * dim + i] = simplex[(k - 1) * dim + i];
          simplex[(k - 1) * dim + i] = s;
        }
      }
    }
    const best = values[0];
    const worst = values[dim];
    if (Math.abs(worst - best) <= ftol * (Math.abs(best) + 1e-300)) break;
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += simplex[j * dim + i];
      centroid[i] = sum / dim;
    }
    // Reflection.
    for (let i = 0; i < dim; i++) trial[i] = 2 * centroid[i] - simplex[dim * dim + i];
    clampInto(trial, lo, hi, dim);
    const fr = f(trial);
    used++;
    if (fr < best) {
      // Expansion.
      for (let i = 0; i < dim; i++) trial2[i] = 3 * centroid[i] - 2 * simplex[dim * dim + i];
      clampInto(trial2, lo, hi, dim);
      const fe = used < evals ? f(trial2) : Number.POSITIVE_INFINITY;
      used++;
      replaceWorst(fe < fr ? trial2 : trial, fe < fr ? fe : fr, dim);
    } else if (fr < values[dim - 1]) {
      replaceWorst(trial, fr, dim);
    } else {
      // Contraction (outside when the reflection improved on the worst, else inside).
      const outside = fr < worst;
      for (let i = 0; i < dim; i++) {
        trial2[i] = outside
          ? centroid[i] + 0.5 * (trial[i] - centroid[i])
          : centroid[i] + 0.5 * (simplex[dim * dim + i] - centroid[i]);
      }
      const fc = f(trial2);
      used++;
      if (fc < (outside ? fr : worst)) {
        replaceWorst(trial2, fc, dim);
      } else {
        // Shrink towards the best point.
        for (let j = 1; j < n1; j++) {
          for (let i = 0; i < dim; i++) {
            simplex[j * dim + i] = simplex[i] + 0.5 * (simplex[j * dim + i] - simplex[i]);
            trial[i] = simplex[j * dim + i];
          }
          values[j] = f(trial);
          used++;
        }
      }
    }
  }
  let bestJ = 0;
  for (let j = 1; j < n1; j++) if (values[j] < values[bestJ]) bestJ = j;
  for (let i = 0; i < dim; i++) x[i] = simplex[bestJ * dim + i];
  return values[bestJ];
}

function replaceWorst(p: Float64Array, value: number, dim: number): void {
  for (let i = 0; i < dim; i++) simplex[dim * dim + i] = p[i];
  values[dim] = value;
}
