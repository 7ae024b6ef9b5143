// An arrow's curve, and the part of it between two heights. A dashed
// stroke costs the curve's whole length whatever the canvas shows (Chromium
// dashes before it clips): an arrow from the callbacks lane to a task 600
// lanes down took ~0.2 ms, and a run of 6000 such wake-ups seconds, with
// four lanes in view. Drawn cut to the rows in view, each costs its
// visible part.

export type Point = { x: number; y: number };
/** A cubic Bézier: start, two control points, end. */
export type Cubic = [Point, Point, Point, Point];

/** The arrow from (x0, y0) to (x1, y1): level at both ends; a same-instant arrow bows out to the right, so it stays visible. */
export function arrowCurve(x0: number, y0: number, x1: number, y1: number): Cubic {
  const mx = (x0 + x1) / 2 + (x1 - x0 < 6 ? 14 : 0);
  return [{ x: x0, y: y0 }, { x: mx, y: y0 }, { x: mx, y: y1 }, { x: x1, y: y1 }];
}

/**
 * The part of an arrow's curve between heights yMin and yMax (same shape,
 * fewer px), or undefined if none of it is. The curve's height goes
 * monotonically from its start's to its end's, as
 * y0 + (y1 − y0)·(3t² − 2t³), so each cut is one t.
 */
export function curveBetween(c: Cubic, yMin: number, yMax: number): Cubic | undefined {
  const y0 = c[0].y;
  const y1 = c[3].y;
  const lo = Math.min(y0, y1);
  const hi = Math.max(y0, y1);
  if (hi < yMin || lo > yMax) return undefined;
  if (lo >= yMin && hi <= yMax) return c;
  const tAt = (y: number) => {
    const u = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
    return 0.5 - Math.sin(Math.asin(1 - 2 * u) / 3); // inverse of 3t² − 2t³
  };
  const ta = tAt(y1 > y0 ? Math.max(yMin, y0) : Math.min(yMax, y0));
  const tb = tAt(y1 > y0 ? Math.min(yMax, y1) : Math.max(yMin, y1));
  return subCurve(c, ta, tb);
}

/** The piece of c from t = a to t = b (de Casteljau). */
export function subCurve(c: Cubic, a: number, b: number): Cubic {
  const head = split(c, b)[0];
  return b > 0 ? split(head, a / b)[1] : [c[0], c[0], c[0], c[0]];
}

function split(c: Cubic, t: number): [Cubic, Cubic] {
  const lerp = (p: Point, q: Point): Point => ({ x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t });
  const [p0, p1, p2, p3] = c;
  const a = lerp(p0, p1), b = lerp(p1, p2), d = lerp(p2, p3);
  const e = lerp(a, b), f = lerp(b, d);
  const m = lerp(e, f);
  return [[p0, a, e, m], [m, f, d, p3]];
}
