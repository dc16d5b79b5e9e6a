#!/usr/bin/env node
// The installed CLI runs the compiled generator (npm run build), so no TypeScript runtime is needed.
import {exitOnClosedPipe, runCli} from '../dist/generator/cli.js'

exitOnClosedPipe()
process.exitCode = await runCli(process.argv.slice(2))
