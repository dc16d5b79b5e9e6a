/** How many redirects one download follows before it gives up. */
export const MAX_REDIRECTS = 5

/** The statuses whose `Location` a download follows. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Whether `status` is a redirect to follow. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status)
}

/**
 * Why a redirect from `from` to `to` is not followed, or `null` when it is.
 *
 * The policy: a redirect stays on its origin (scheme, host and port), or upgrades http to https on the same
 * host and port (or from the default port to the default port). The docs are served from one host
 * (raw.githubusercontent.com redirects only within itself), so nothing legitimate needs more; and the spec
 * server is untrusted, so a redirect to another host would let it make us fetch from wherever it likes,
 * loopback and private addresses included (a name can resolve to one, so checking addresses would not be
 * enough), and send that host our Basic credentials. A user who trusts the other host can pass its URL.
 *
 * @param from the URL that answered with the redirect.
 * @param to its `Location`, resolved against `from`.
 */
export function redirectRefusal(from: URL, to: URL): string | null {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `a ${to.protocol} URL`
  if (to.origin === from.origin) return null
  const upgrade = from.protocol === 'http:' && to.protocol === 'https:' && to.hostname === from.hostname
  if (upgrade && to.port === from.port) return null
  return 'another origin'
}
