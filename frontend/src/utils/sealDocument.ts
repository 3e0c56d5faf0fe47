/**
 * What a `seal` scan session shows of the PDF (docs/pdf-sealing.md): the RP's thumbnails
 * and placements in PDF points, turned into boxes on the thumbnail in percent. A 骑缝章 is
 * one placement per page, each a slice on the page's right edge: slice k of n shows the
 * k-th n-th of the seal.
 */

export interface Placement {
  page: number
  x: number
  y: number
  width: number
  height: number
}

export interface Thumbnail {
  page: number
  png: string
  /** The page's size in PDF points (newer RPs send it). */
  width?: number
  height?: number
}

export interface SealDocument {
  label: string
  sha256: string
  page_count: number
  thumbnails: Thumbnail[]
  placements: Placement[]
  seal_kinds: string[]
}

export interface PreviewBox {
  /** Percent of the thumbnail, from its top left. */
  left: number
  top: number
  width: number
  height: number
  /** A 骑缝章 slice: which one of how many. */
  slice: number
  slices: number
}

const A4 = { width: 595.28, height: 841.89 }

/** The page size in points: sent by the RP, else A4 in the thumbnail's orientation. */
export function pageSize(t: Thumbnail, aspect: number): { width: number; height: number } {
  if (t.width && t.height) return { width: t.width, height: t.height }
  return aspect > 1 ? { width: A4.height, height: A4.width } : A4
}

/** Placements that form a 骑缝章: several, on different pages, each touching the right edge. */
export function isStraddle(placements: Placement[], widthOf: (page: number) => number): boolean {
  if (placements.length < 2) return false
  const pages = new Set(placements.map((p) => p.page))
  return pages.size === placements.length && placements.every((p) => p.x + p.width >= widthOf(p.page) - 1)
}

/** Millimetres to PDF points. */
export const MM = 72 / 25.4

/**
 * The boxes to draw on page `page`'s thumbnail (aspect = its width / height in pixels).
 * With the chosen seal's size (points), each box is resized to it around the placement's
 * centre, as the platform does when it seals (a 骑缝章 slice stays on the right edge).
 */
export function previewBoxes(doc: SealDocument, page: number, aspect: number, seal?: { width: number; height: number }): PreviewBox[] {
  const sizes = new Map(doc.thumbnails.map((t) => [t.page, pageSize(t, t.page === page ? aspect : 0.707)]))
  const widthOf = (n: number) => sizes.get(n)?.width ?? A4.width
  const straddle = isStraddle(doc.placements, widthOf)
  const ordered = [...doc.placements].sort((a, b) => a.page - b.page)
  const size = sizes.get(page) ?? A4
  return ordered
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.page === page)
    .map(({ p, i }) => ({ p: seal ? resized(p, seal, straddle ? ordered.length : 1) : p, i }))
    .map(({ p, i }) => ({
      left: (p.x / size.width) * 100,
      top: ((size.height - p.y - p.height) / size.height) * 100,
      width: (p.width / size.width) * 100,
      height: (p.height / size.height) * 100,
      slice: straddle ? i : 0,
      slices: straddle ? ordered.length : 1,
    }))
}

function resized(p: Placement, seal: { width: number; height: number }, slices: number): Placement {
  const cy = p.y + p.height / 2
  if (slices > 1) {
    const w = seal.width / slices
    return { page: p.page, x: p.x + p.width - w, y: cy - seal.height / 2, width: w, height: seal.height }
  }
  const cx = p.x + p.width / 2
  return { page: p.page, x: cx - seal.width / 2, y: cy - seal.height / 2, width: seal.width, height: seal.height }
}

/** The SHA-256 shortened for the screen: first and last 8 hex digits. */
export const shortHash = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex)
