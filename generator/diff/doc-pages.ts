import type {DocumentOrigin, SpecOrigins} from '../load/provenance.js'
import {commitUrl} from '../load/provenance.js'

/** Where a person reads each document of one doc version, by name (`TYPES.md`): what changelog links point at. */
export type DocumentPages = Partial<Record<string, string>>

// raw.githubusercontent.com/<owner>/<name>/<ref>/<path>: the file as GitHub renders it, where anchors work.
const RAW_GITHUB = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/(.+)$/

/**
 * The page of each document of a doc version: a commit's file on GitHub (`provenance.json`), a
 * raw.githubusercontent.com download as GitHub's page of the same file and ref, or any other URL as it is.
 * A URL printed with its credentials or query redacted (`***`) is not a page anyone can open: left out.
 *
 * @param origins each document's origin, as `readSchema` returns them.
 * @returns the page of each document whose origin is known.
 */
export function documentPages(origins: SpecOrigins): DocumentPages {
  const pages: DocumentPages = {}
  for (const [name, origin] of Object.entries(origins) as [string, DocumentOrigin][]) {
    const page = pageOf(origin)
    if (page !== null) pages[name] = page
  }
  return pages
}

function pageOf(origin: DocumentOrigin): string | null {
  if ('commit' in origin) return commitUrl(origin)
  if (origin.url.includes('***')) return null
  const raw = RAW_GITHUB.exec(origin.url)
  return raw ? `https://github.com/${raw[1]}/${raw[2]}/blob/${raw[3]}` : origin.url
}
