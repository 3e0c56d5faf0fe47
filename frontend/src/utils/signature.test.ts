import { describe, expect, it } from 'vitest'
import { lineWidth, MESSAGES, SignatureRecorder, signatureProblem, toServerStrokes } from './signature'

/** A wave from (x0, y) to the right: what a hand writing one word draws. */
function wave(rec: SignatureRecorder, x0: number, y: number, points: number, t0: number, step = 6) {
  rec.begin(x0, y, t0, 0.4)
  for (let i = 1; i < points; i++) rec.extend(x0 + i * step, y + 20 * Math.sin(i / 3), t0 + i * 16, 0.4 + i / 100)
  rec.end()
}

describe('SignatureRecorder', () => {
  it('records strokes with times from the first point and pressure', () => {
    const rec = new SignatureRecorder()
    rec.begin(10, 20, 1000, 0.3)
    rec.extend(15, 22, 1016, 0.6)
    rec.end()
    rec.begin(40, 20, 1200, 0)
    rec.extend(50, 25, 1216, 0)
    rec.end()
    expect(rec.strokes).toEqual([
      [
        { x: 10, y: 20, t: 0, p: 0.3 },
        { x: 15, y: 22, t: 16, p: 0.6 },
      ],
      [
        // pressure 0 (not reported) is medium
        { x: 40, y: 20, t: 200, p: 0.5 },
        { x: 50, y: 25, t: 216, p: 0.5 },
      ],
    ])
  })

  it('ignores moves without a pressed pointer and moves under a pixel', () => {
    const rec = new SignatureRecorder()
    expect(rec.extend(5, 5, 0)).toBeNull()
    rec.begin(0, 0, 0)
    expect(rec.extend(0.4, 0.3, 5)).toBeNull()
    expect(rec.extend(3, 4, 10)).not.toBeNull()
    rec.end()
    expect(rec.extend(9, 9, 20)).toBeNull()
    expect(rec.pointCount).toBe(2)
  })

  it('undo removes the last stroke; clear removes all and restarts the clock', () => {
    const rec = new SignatureRecorder()
    wave(rec, 0, 50, 5, 100)
    wave(rec, 100, 50, 5, 500)
    rec.undo()
    expect(rec.strokes).toHaveLength(1)
    expect(rec.strokes[0][0].x).toBe(0)
    rec.clear()
    expect(rec.isEmpty).toBe(true)
    rec.begin(1, 1, 9000)
    expect(rec.strokes[0][0].t).toBe(0)
  })

  it('scales the drawing when the pad changes size', () => {
    const rec = new SignatureRecorder()
    wave(rec, 10, 40, 3, 0)
    rec.scale(2)
    expect(rec.strokes[0][0]).toMatchObject({ x: 20, y: 80 })
  })
})

describe('signatureProblem (mirrors the server, handwriting.py)', () => {
  const width = 300

  it('refuses an empty pad', () => {
    expect(signatureProblem([], width)).toBe(MESSAGES.empty)
    expect(signatureProblem([[]], width)).toBe(MESSAGES.empty)
  })

  it('refuses a dot (one tap)', () => {
    const rec = new SignatureRecorder()
    rec.begin(150, 60, 0)
    rec.end()
    expect(signatureProblem(rec.strokes, width)).toBe(MESSAGES.tooShort)
  })

  it('refuses a tiny scribble: enough points but a short path', () => {
    const rec = new SignatureRecorder()
    wave(rec, 100, 60, 15, 0, 2) // 28 px of travel on a 300 px pad
    expect(rec.pointCount).toBeGreaterThanOrEqual(10)
    expect(signatureProblem(rec.strokes, width)).toBe(MESSAGES.tooShort)
  })

  it('refuses a long path scribbled in a small spot', () => {
    const rec = new SignatureRecorder()
    rec.begin(100, 60, 0)
    for (let i = 1; i < 60; i++) rec.extend(100 + (i % 2) * 20, 60 + (i % 3) * 5, i * 10)
    rec.end()
    expect(signatureProblem(rec.strokes, width)).toBe(MESSAGES.tooShort) // extent 20 < 36
  })

  it('refuses fewer than 10 points even when long', () => {
    const rec = new SignatureRecorder()
    wave(rec, 0, 60, 9, 0, 30)
    expect(signatureProblem(rec.strokes, width)).toBe(MESSAGES.tooShort)
  })

  it('accepts a name written across the pad', () => {
    const rec = new SignatureRecorder()
    wave(rec, 20, 60, 20, 0)
    wave(rec, 140, 60, 20, 600)
    expect(signatureProblem(rec.strokes, width)).toBeNull()
  })

  it('refuses more strokes than the server takes', () => {
    const strokes = Array.from({ length: 201 }, (_, i) => [
      { x: i, y: 0, t: i, p: 0.5 },
      { x: i + 50, y: 40, t: i + 1, p: 0.5 },
    ])
    expect(signatureProblem(strokes, width)).toBe(MESSAGES.tooLong)
  })
})

describe('toServerStrokes', () => {
  it('writes [x, y, t, pressure] in PNG pixels and drops empty strokes', () => {
    const rec = new SignatureRecorder()
    rec.begin(10.04, 20, 50, 0.333)
    rec.extend(12.5, 21.26, 66, 0.5)
    rec.end()
    rec.strokes.push([])
    expect(toServerStrokes(rec.strokes, 2)).toEqual([
      [
        [20.1, 40, 0, 0.33],
        [25, 42.5, 16, 0.5],
      ],
    ])
  })

  it('is valid JSON the server parses: numbers only, 4 per point', () => {
    const rec = new SignatureRecorder()
    wave(rec, 0, 10, 12, 0)
    const sent = JSON.parse(JSON.stringify(toServerStrokes(rec.strokes)))
    for (const stroke of sent) for (const p of stroke) {
      expect(p).toHaveLength(4)
      expect(p.every((v: unknown) => typeof v === 'number' && Number.isFinite(v))).toBe(true)
    }
  })
})

describe('lineWidth', () => {
  it('follows a pen’s pressure, not a finger’s', () => {
    expect(lineWidth(4, 1, true)).toBeGreaterThan(lineWidth(4, 0.2, true))
    expect(lineWidth(4, 1, false)).toBe(4)
  })
})
