/**
 * What the docs' primitive types accept on the wire. Shared by the decoders
 * (copied into generated/) and the JSON Schema emitter, so both agree.
 */

/**
 * ISO-8601 as upstream's aeson encodes `UTCTime` (RFC 3339): date, `T`, time, 0
 * to 9 fractional digits, `Z` or a numeric offset; each field within its range
 * (month 01-12, day 01-31, hour 00-23, minute 00-59, second 00-60: RFC 3339's
 * leap second, which Haskell's `UTCTime` can hold; offset up to ±23:59). The
 * decoders also check that the day exists in its month; this pattern (also in
 * schema.json) cannot.
 */
export const UTC_TIME_PATTERN =
  '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d{1,9})?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$'

/** Largest `word32` (an unsigned 32-bit integer). */
export const WORD32_MAX = 4294967295
