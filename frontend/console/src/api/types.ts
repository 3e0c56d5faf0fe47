/** Types generated from the server's OpenAPI (schema.d.ts, `npm run gen:api`). */
import type { components } from './schema'

export type Schemas = components['schemas']
export type ReviewItem = Schemas['ReviewItem']
export type ReviewDetail = Schemas['ReviewDetail']
export type DocumentRead = Schemas['DocumentRead']
export type SealReviewItem = Schemas['SealReviewItem']
export type SealReviewDetail = Schemas['SealReviewDetail']
export type InvoiceConsoleRead = Schemas['InvoiceConsoleRead']
