#!/usr/bin/env bash
# Regenerate the library from upstream's docs and open a pull request with the changelog of what changed.
# The steps of examples/upstream-workflow/upstream.yml, as a script so that they can be run, and tested, off
# GitHub: DRY_RUN=1 prints the git and gh commands instead of running them.
#
#   UPSTREAM  upstream's bots/api/ folder URL (required)
#   SPEC      the pinned spec folder (default spec); OUT the output folder (default generated)
#   CHANGES   where the changelog section goes (default upstream-changes.md); BASE the pull request's base (main)
#   SIMPLEX_EVENTS  how to run the CLI (default: npx tsx generator/cli.ts, as in this repository)
set -euo pipefail

upstream="${UPSTREAM:?set UPSTREAM to the URL of the bots/api/ folder upstream}"
spec="${SPEC:-spec}"
out="${OUT:-generated}"
changes="${CHANGES:-upstream-changes.md}"
read -r -a cli <<< "${SIMPLEX_EVENTS:-npx tsx generator/cli.ts}"

run() {
  if [ "${DRY_RUN:-}" = 1 ]; then printf 'dry run:'; printf ' %q' "$@"; printf '\n'; else "$@"; fi
}

# What changed, against the pinned spec: the pull request's description, and annotations on the run.
"${cli[@]}" diff "$spec" "$upstream" --format changelog --fail-on none > "$changes"
"${cli[@]}" diff "$spec" "$upstream" --format github --fail-on none
if grep -qx 'No changes.' "$changes"; then
  echo "upstream's docs are the pinned ones: nothing to do"
  exit 0
fi

# Upstream's docs with the pinned overlay (an entry upstream has made stale fails here, loudly: exit 2), and
# the pinned spec and its older versions (compat.json) as the range, so servers decoded today still decode.
overlay=()
if [ -f "$spec/overlay.json" ]; then overlay=(--overlay "$spec/overlay.json"); fi
compat=(--compat "$spec")
if [ -f "$spec/compat.json" ]; then
  while IFS= read -r folder; do compat+=(--compat "$spec/$folder"); done < <(
    node -e 'for (const folder of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).compat) console.log(folder)' \
      "$spec/compat.json"
  )
fi
"${cli[@]}" generate --spec "$upstream" "${compat[@]}" "${overlay[@]}" --out "$out"

summary="$(sed -n '3p' "$changes")"
branch="upstream/$(date -u +%Y-%m-%d)"
title="Regenerate from upstream's bot API docs (${summary%.})"
run git switch -c "$branch"
run git add -- "$out"
run git commit -m "$title"
run git push --force origin "$branch"
run gh pr create --base "${BASE:-main}" --head "$branch" --title "$title" --body-file "$changes"
