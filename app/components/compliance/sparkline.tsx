/**
 * A tiny line of weekly values, drawn as SVG on the server too. Decorative: the page gives the
 * same values as text (the weekly table), so the drawing is hidden from assistive technology.
 * Weeks without a value leave a gap.
 */
export function Sparkline({ values, className = "" }: { values: readonly (number | null)[]; className?: string }) {
  const width = 120;
  const height = 28;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return <svg aria-hidden="true" width={width} height={height} className={className} />;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 4) + 2);
  const y = (v: number) => height - 3 - ((v - min) / span) * (height - 6);
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? " L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const last = present[present.length - 1];
  const lastIndex = values.lastIndexOf(last);
  return (
    <svg aria-hidden="true" width={width} height={height} viewBox={`0 0 ${width} ${height}`} className={className}>
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
      ))}
      <circle cx={x(lastIndex)} cy={y(last)} r={2} fill="currentColor" />
    </svg>
  );
}
