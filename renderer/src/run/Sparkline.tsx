/** A minute of rates as a tiny SVG polyline (no chart library: it redraws twice a second per node). */
export function Sparkline({
  values,
  width = 90,
  height = 18,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  if (values.length < 2) return <svg width={width} height={height} className="sparkline" />;
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`,
  );
  return (
    <svg width={width} height={height} className="sparkline" aria-hidden="true">
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  );
}
