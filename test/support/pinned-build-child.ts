// Child process of generation-setup.ts: makes this run's pinned build (shared-builds.ts) beside the first
// suites, so that no worker waits for it unless it needs it.
import {PINNED_SOURCE, sharedBuild} from './shared-builds.js'

await sharedBuild(PINNED_SOURCE)
