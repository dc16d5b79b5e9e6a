// A vitest setup file (vitest.config.ts `setupFiles`): runs in each test file, so this afterAll is that file's.
import {afterAll} from 'vitest'
import {removeTemporaryFolders} from './temp-folders.js'

afterAll(removeTemporaryFolders)
