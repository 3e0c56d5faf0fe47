import { describe, expect, it } from 'vitest'
import { isStraddle, previewBoxes, shortHash, type SealDocument } from './sealDocument'

const doc = (placements: SealDocument['placements']): SealDocument => ({
  label: '投标文件.pdf',
  sha256: 'ab'.repeat(32),
  page_count: 3,
  thumbnails: [1, 2, 3].map((page) => ({ page, png: '', width: 600, height: 800 })),
  placements,
  seal_kinds: ['personal_stamp'],
})

describe('seal document preview', () => {
  it('places a keyword box in percent from the top left', () => {
    const [box] = previewBoxes(doc([{ page: 2, x: 300, y: 600, width: 60, height: 80 }]), 2, 0.75)
    expect(box).toEqual({ left: 50, top: 15, width: 10, height: 10, slice: 0, slices: 1 })
    expect(previewBoxes(doc([{ page: 2, x: 300, y: 600, width: 60, height: 80 }]), 1, 0.75)).toEqual([])
  })

  it('recognises a 骑缝章 and numbers its slices by page', () => {
    const slices = [3, 1, 2].map((page) => ({ page, x: 580, y: 400, width: 20, height: 60 }))
    expect(isStraddle(slices, () => 600)).toBe(true)
    expect(previewBoxes(doc(slices), 3, 0.75)[0]).toMatchObject({ slice: 2, slices: 3 })
    // Not on the right edge, or two on one page: separate seals.
    expect(isStraddle([{ ...slices[0], x: 100 }, slices[1]], () => 600)).toBe(false)
    expect(isStraddle([slices[0], slices[0]], () => 600)).toBe(false)
  })

  it('resizes boxes to the chosen seal around their centre; a slice stays on the edge', () => {
    const [box] = previewBoxes(doc([{ page: 2, x: 300, y: 600, width: 60, height: 80 }]), 2, 0.75, { width: 120, height: 160 })
    expect(box).toMatchObject({ left: 45, top: 10, width: 20, height: 20 })
    const slices = [1, 2, 3].map((page) => ({ page, x: 580, y: 400, width: 20, height: 60 }))
    const [slice] = previewBoxes(doc(slices), 2, 0.75, { width: 120, height: 80 })
    expect(slice.left + slice.width).toBeCloseTo(100)
    expect(slice.width).toBeCloseTo((40 / 600) * 100)
    expect(slice.height).toBeCloseTo(10)
  })

  it('shortens the hash', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef')
  })
})
