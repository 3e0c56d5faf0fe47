/**
 * The signature pad's bookkeeping, free of the DOM so it can be unit-tested: pointer
 * positions become strokes, undo/clear edit them, and they leave in the server's format
 * (`[[x, y, t, pressure], …]` per stroke, in the PNG's pixels, docs/seals.md).
 *
 * The client-side checks mirror the server's (src/mcert/seal/handwriting.py) so that an
 * empty pad or a dot is refused here with the same Chinese words, before anything is sent;
 * the server still decides.
 */

export interface PadPoint {
  x: number
  y: number
  /** Milliseconds since the first point of the signature. */
  t: number
  /** 0..1; a mouse or finger reports 0.5 while pressed. */
  p: number
}
export type Stroke = PadPoint[]
/** One stroke as the server reads it: `[x, y, t, pressure]` per point. */
export type ServerStroke = [number, number, number, number][]

// The server's thresholds (handwriting.py): at least 10 points, a path of at least 30 % of
// the canvas width, ink spanning at least 12 % of it.
export const MIN_POINTS = 10
export const MIN_PATH_RATIO = 0.3
export const MIN_EXTENT_RATIO = 0.12
// The server refuses more than these (signature_strokes_invalid).
export const MAX_STROKES = 200
export const MAX_POINTS = 20_000
/** Points closer than this (CSS px) to the previous one add nothing but bytes. */
const MIN_STEP = 1

export const MESSAGES = {
  empty: '请先在签名板上签名',
  tooShort: '签名过短，请在签名板上完整签署姓名',
  tooLong: '签名笔画过多，请清除后重新签名',
} as const

export class SignatureRecorder {
  strokes: Stroke[] = []
  private drawing = false
  private origin: number | null = null

  get isEmpty(): boolean {
    return this.strokes.every((s) => s.length === 0)
  }

  get pointCount(): number {
    return this.strokes.reduce((n, s) => n + s.length, 0)
  }

  private point(x: number, y: number, time: number, pressure: number): PadPoint {
    if (this.origin === null) this.origin = time
    // Some devices report 0 for a pressed mouse or finger: treat "no pressure" as medium.
    const p = pressure > 0 ? Math.min(1, pressure) : 0.5
    return { x, y, t: Math.max(0, Math.round(time - this.origin)), p }
  }

  /** Pointer down: a new stroke starts with this point. */
  begin(x: number, y: number, time: number, pressure = 0.5): PadPoint {
    this.drawing = true
    const pt = this.point(x, y, time, pressure)
    this.strokes.push([pt])
    return pt
  }

  /** Pointer move while down; returns the added point, or null when it adds nothing. */
  extend(x: number, y: number, time: number, pressure = 0.5): PadPoint | null {
    if (!this.drawing) return null
    const stroke = this.strokes[this.strokes.length - 1]
    const last = stroke[stroke.length - 1]
    if (Math.hypot(x - last.x, y - last.y) < MIN_STEP) return null
    const pt = this.point(x, y, time, pressure)
    stroke.push(pt)
    return pt
  }

  /** Pointer up / cancel / leave. */
  end(): void {
    this.drawing = false
  }

  get isDrawing(): boolean {
    return this.drawing
  }

  undo(): void {
    this.drawing = false
    this.strokes.pop()
    if (this.isEmpty) this.origin = null
  }

  clear(): void {
    this.drawing = false
    this.strokes = []
    this.origin = null
  }

  /** The pad changed size (a phone turned to landscape): keep the drawing, scaled. */
  scale(factor: number): void {
    for (const s of this.strokes) {
      for (const pt of s) {
        pt.x *= factor
        pt.y *= factor
      }
    }
  }
}

export function pathLength(strokes: Stroke[]): number {
  let total = 0
  for (const s of strokes) {
    for (let i = 1; i < s.length; i++) total += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y)
  }
  return total
}

/** The larger side of the box around every point. */
export function extent(strokes: Stroke[]): number {
  const pts = strokes.flat()
  if (!pts.length) return 0
  const xs = pts.map((p) => p.x)
  const ys = pts.map((p) => p.y)
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
}

/** Why these strokes would not make a signature on a pad `width` wide, or null. */
export function signatureProblem(strokes: Stroke[], width: number): string | null {
  const points = strokes.reduce((n, s) => n + s.length, 0)
  if (points === 0) return MESSAGES.empty
  if (strokes.length > MAX_STROKES || points > MAX_POINTS) return MESSAGES.tooLong
  if (points < MIN_POINTS || pathLength(strokes) < MIN_PATH_RATIO * width || extent(strokes) < MIN_EXTENT_RATIO * width) {
    return MESSAGES.tooShort
  }
  return null
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/**
 * The strokes as the server reads them, in the exported PNG's pixels: `ratio` is the
 * canvas's backing pixels per CSS pixel (devicePixelRatio). Empty strokes are left out.
 */
export function toServerStrokes(strokes: Stroke[], ratio = 1): ServerStroke[] {
  return strokes
    .filter((s) => s.length > 0)
    .map((s) => s.map((pt) => [round(pt.x * ratio, 1), round(pt.y * ratio, 1), pt.t, round(pt.p, 2)] as [number, number, number, number]))
}

/** Line width for a point: a pen's pressure thickens the line; a finger or mouse draws evenly. */
export function lineWidth(base: number, pressure: number, pen: boolean): number {
  return pen ? base * (0.5 + pressure) : base
}
