/**
 * Whether a spec (as `--spec`, `--compat` or `diff` take it) is an http(s) URL of a folder rather than a
 * folder path: the one test every stage uses, so a spec is read, labelled and named the same way.
 *
 * @param spec a folder path or a URL, as given.
 * @returns true for `http://...` or `https://...` (any case).
 */
export function isSpecUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec)
}
