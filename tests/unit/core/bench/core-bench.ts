/**
 * Benchmark of the per-agreement pipeline of the inventory core ("Speed"): on synthetic weekly
 * demand generated from a fixed seed, it runs XYZ, demand pattern, the fitted forecast and its
 * spread over the lead time, safety stock and recommended band for every series, ABC over all
 * items, and a 56-day projection and replenishment proposal for each agreement; then prints
 * series per second and milliseconds per stage. Target: the whole run ≤ 3 s on one core.
 *
 *   npm run bench:core                 (100,000 series of 104 weeks, seed 20260301)
 *   npm run bench:core -- 20000 42     (series, seed)
 */
import {
  classifyAbc,
  classifyXyz,
  demandPattern,
  forecastDemand,
  forecastErrorSd,
  policyFor,
  projectInventory,
  proposeReplenishment,
  recommendBand,
  type AbcClassification,
  type RecommendedBand,
  type Xyz,
} from "../../../../app/core/index";

const SERIES = Number(process.argv[2] ?? 100_000);
const SEED = Number(process.argv[3] ?? 20260301);
const WEEKS = 104;
const HORIZON_DAYS = 56;

/** mulberry32: a small, fast, seedable PRNG (Tommy Ettinger), enough for synthetic data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number, seed: number) {
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const data = new Float64Array(n * WEEKS);
  const unitCost = new Float64Array(n);
  const leadTimeDays = new Float64Array(n);
  const moq = new Float64Array(n);
  const pack = new Float64Array(n);
  const onHand = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const kind = random();
    const level = 20 + random() * 480;
    const cv = 0.05 + random() * 0.5;
    const phase = random() * 52;
    const slope = (random() - 0.3) * level * 0.01;
    const every = 2 + Math.floor(random() * 5);
    for (let t = 0; t < WEEKS; t++) {
      let y: number;
      if (kind < 0.35)
        y = level * (1 + cv * gaussian()); // smooth / erratic
      else if (kind < 0.5)
        y = level * (1 + 0.5 * Math.sin((2 * Math.PI * (t + phase)) / 52) + 0.1 * gaussian()); // seasonal
      else if (kind < 0.65)
        y = level + slope * t + level * 0.1 * gaussian(); // trending
      else if (kind < 0.8)
        y = random() < 1 / every ? level * (1 + 0.2 * gaussian()) : 0; // intermittent
      else if (kind < 0.95)
        y = random() < 1 / every ? level * Math.exp(1.2 * gaussian()) : 0; // lumpy
      else y = t < 30 && random() < 0.2 ? level : 0; // dead
      data[i * WEEKS + t] = Math.max(0, Math.round(y));
    }
    unitCost[i] = 1 + random() * 99;
    leadTimeDays[i] = 3 + Math.floor(random() * 26);
    moq[i] = Math.floor(random() * 4) * 50;
    pack[i] = [1, 6, 12, 24, 48][Math.floor(random() * 5)];
    onHand[i] = Math.round(random() * level * 3);
  }
  // The ABC input as the database would hand it over: last year's consumption value per item.
  const items = new Array<{ id: string; annualValue: number }>(n);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let consumed = 0;
    for (let t = WEEKS - 52; t < WEEKS; t++) consumed += data[i * WEEKS + t];
    items[i] = { id: `SKU-${String(i).padStart(6, "0")}`, annualValue: consumed * unitCost[i] };
    indexOf.set(items[i].id, i);
  }
  return { data, unitCost, leadTimeDays, moq, pack, onHand, items, indexOf };
}

function main(): void {
  const g = generate(SERIES, SEED);
  const time: Record<string, number> = { xyz: 0, pattern: 0, forecast: 0, band: 0, abc: 0, projection: 0, proposal: 0 };
  const xyz: Xyz[] = new Array(SERIES);
  const weeklyForecast = new Float64Array(SERIES);
  const weeklySd = new Float64Array(SERIES);
  const bands: RecommendedBand[] = new Array(SERIES);
  let checksum = 0;

  const started = performance.now();
  let t0 = performance.now();
  for (let i = 0; i < SERIES; i++) xyz[i] = classifyXyz(g.data.subarray(i * WEEKS + WEEKS - 52, (i + 1) * WEEKS)).xyz;
  time.xyz = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < SERIES; i++) checksum += demandPattern(g.data.subarray(i * WEEKS, (i + 1) * WEEKS)).adi > 2 ? 1 : 0;
  time.pattern = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < SERIES; i++) {
    const series = g.data.subarray(i * WEEKS, (i + 1) * WEEKS);
    const f = forecastDemand(series);
    weeklyForecast[i] = f.forecast;
    // The weekly σ whose √(lead time) multiple is the model's spread over the lead time.
    const weeks = g.leadTimeDays[i] / 7;
    weeklySd[i] = forecastErrorSd(f, weeks) / Math.sqrt(weeks);
  }
  time.forecast = performance.now() - t0;

  t0 = performance.now();
  const abc: AbcClassification[] = classifyAbc(g.items);
  const abcOf = new Array<AbcClassification["abc"]>(SERIES);
  for (const row of abc) abcOf[g.indexOf.get(row.id)!] = row.abc;
  time.abc = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < SERIES; i++) {
    const policy = policyFor(abcOf[i], xyz[i]);
    bands[i] = recommendBand({
      demandMean: weeklyForecast[i],
      demandSd: weeklySd[i],
      leadTime: g.leadTimeDays[i] / 7,
      target: policy.serviceLevel === null ? { kind: "none" } : { kind: "cycle", serviceLevel: policy.serviceLevel },
      review: policy.review,
      reviewPeriod: 1,
      periodsPerYear: 52,
      orderCost: 40,
      holdingCostPerUnit: g.unitCost[i] * 0.25,
      moq: g.moq[i],
      packSize: g.pack[i],
    });
  }
  time.band = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < SERIES; i++) {
    const p = projectInventory({
      onHand: g.onHand[i],
      demand: weeklyForecast[i] / 7,
      days: HORIZON_DAYS,
      min: bands[i].min,
      max: bands[i].max,
    });
    checksum += p.daysInBand;
  }
  time.projection = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < SERIES; i++) {
    const r = proposeReplenishment({
      onHand: g.onHand[i],
      demand: weeklyForecast[i] / 7,
      days: HORIZON_DAYS,
      min: bands[i].min,
      max: bands[i].max,
      leadTime: g.leadTimeDays[i],
      moq: g.moq[i],
      packSize: g.pack[i],
    });
    checksum += r.lines.length;
  }
  time.proposal = performance.now() - t0;
  const total = performance.now() - started;

  const rows = Object.entries(time).map(([stage, ms]) => `  ${stage.padEnd(11)} ${ms.toFixed(1).padStart(9)} ms`);
  console.log(`inventory core benchmark: ${SERIES.toLocaleString("en")} weekly series × ${WEEKS} weeks, seed ${SEED}`);
  console.log(rows.join("\n"));
  console.log(`  ${"total".padEnd(11)} ${total.toFixed(1).padStart(9)} ms`);
  console.log(
    `  ${Math.round((SERIES * 1000) / total).toLocaleString("en")} agreements per second (target ≥ 33,000; whole run ≤ 3,000 ms)`,
  );
  console.log(`  checksum ${checksum}`);
}

main();
