// Child process for the resource tests: runs the CLI once, then prints its peak resident memory,
// so a test can assert that bad input is refused without the process growing.
import {runCli} from '../../generator/cli.js'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  color: false,
})
// maxRSS is in KiB on every platform Node supports.
process.stdout.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\n`)
process.exitCode = code
