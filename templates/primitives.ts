/**
 * What the docs' primitive types accept on the wire. Shared by the decoders
 * (copied into generated/) and the JSON Schema emitter, so both agree.
 */

/**
 * ISO-8601 as upstream's aeson encodes `UTCTime`: date, `T`, time, 0 to 9
 * fractional digits, `Z` or a numeric offset.
 */
export const UTC_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})$'

/** Largest `word32` (an unsigned 32-bit integer). */
export const WORD32_MAX = 4294967295
