// Pulls ruling lines (table borders) out of a PDF page's drawing operators. Borders come either as
// stroked paths (LibreOffice, most printers) or as thin filled rectangles (Word's PDF export), in
// user space under the current transformation matrix, which we track through save/restore/cm.

export type Segment = { x1: number; y1: number; x2: number; y2: number };
export type Rulings = { horizontal: Segment[]; vertical: Segment[] };

/** The subset of pdfjs' OPS codes we interpret; passed in so this module stays free of pdfjs. */
export type DrawOps = {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
};

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

// DrawOPS codes inside a constructPath buffer (pdfjs 5).
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** A filled shape this thin is a border drawn as a rectangle. */
const MAX_RULE_THICKNESS = 3;

export function extractRulings(fnArray: readonly number[], argsArray: readonly unknown[], ops: DrawOps): Rulings {
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokes = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const fills = new Set([ops.fill, ops.eoFill]);

  const addLine = (ax: number, ay: number, bx: number, by: number) => {
    const [x1, y1] = apply(ctm, ax, ay);
    const [x2, y2] = apply(ctm, bx, by);
    if (Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) > 2) {
      horizontal.push({ x1: Math.min(x1, x2), x2: Math.max(x1, x2), y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
    } else if (Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) > 2) {
      vertical.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
    }
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform && Array.isArray(args) && args.length === 6) {
      ctm = multiply(args.map(Number) as Matrix, ctm);
    } else if (fn === ops.constructPath && Array.isArray(args)) {
      const paint = args[0];
      const buffer = (args[1] as unknown[] | undefined)?.[0];
      if (typeof paint !== "number" || !isNumberArray(buffer)) continue;
      const polygons = polylines(buffer);
      if (strokes.has(paint)) {
        for (const points of polygons) {
          for (let k = 1; k < points.length; k++) {
            const a = points[k - 1];
            const b = points[k];
            if (a && b) addLine(a[0], a[1], b[0], b[1]);
          }
        }
      } else if (fills.has(paint)) {
        for (const points of polygons) {
          const xs = points.map((p) => apply(ctm, p[0], p[1])[0]);
          const ys = points.map((p) => apply(ctm, p[0], p[1])[1]);
          const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          const w = maxX - minX;
          const h = maxY - minY;
          if (h <= MAX_RULE_THICKNESS && w > 2)
            horizontal.push({ x1: minX, x2: maxX, y1: (minY + maxY) / 2, y2: (minY + maxY) / 2 });
          else if (w <= MAX_RULE_THICKNESS && h > 2)
            vertical.push({ x1: (minX + maxX) / 2, x2: (minX + maxX) / 2, y1: minY, y2: maxY });
        }
      }
    }
  }
  return { horizontal, vertical };
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return value instanceof Float32Array || (Array.isArray(value) && value.every((v) => typeof v === "number"));
}

/** Splits a DrawOPS buffer into point lists; curves count only by their end point (borders are straight). */
function polylines(buffer: ArrayLike<number>): [number, number][][] {
  const result: [number, number][][] = [];
  let current: [number, number][] = [];
  const at = (k: number) => buffer[k] ?? 0;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i++];
    if (op === MOVE) {
      if (current.length > 1) result.push(current);
      current = [[at(i), at(i + 1)]];
      i += 2;
    } else if (op === LINE) {
      current.push([at(i), at(i + 1)]);
      i += 2;
    } else if (op === CURVE) {
      current.push([at(i + 4), at(i + 5)]);
      i += 6;
    } else if (op === QUAD) {
      current.push([at(i + 2), at(i + 3)]);
      i += 4;
    } else if (op === CLOSE) {
      const first = current[0];
      if (first) current.push(first);
    } else break;
  }
  if (current.length > 1) result.push(current);
  return result;
}
