import {readBoundedFile} from '../load/bounded-file.js'
import {InputError} from '../input-error.js'

/** One frame a bot received, and where it was read. */
export interface ReceivedFrame {
  /** `file` for a file holding one frame, `file:line` for a line of a JSONL log. */
  source: string
  /** The frame as the core sends it: `{"corrId"?, "resp"}`; a bare `resp` value is put in one without `corrId`. */
  frame: {corrId?: unknown; resp: unknown}
}

/**
 * Read the frames of each file: a file that is one JSON value is one frame (a captured `resp`, as in
 * test/fixtures/frames, or a whole `{"corrId"?, "resp"}` frame); otherwise a JSONL log, one frame a line,
 * blank lines skipped. Each file must be a regular file of at most `maxBytes` (a link is followed: the files
 * are named by the user).
 *
 * @param files the paths, in order.
 * @param maxBytes the largest file read.
 * @returns the frames, in file and line order.
 * @throws InputError naming the file (and line) that is missing, too large, or not JSON.
 */
export async function readFrames(files: readonly string[], maxBytes: number): Promise<ReceivedFrame[]> {
  const frames: ReceivedFrame[] = []
  for (const file of files) {
    const fail = (detail: string) => new InputError(`frames file ${file}: ${detail}`)
    const text = await readBoundedFile(file, {maxBytes, followLinks: true, fail})
    if (text === null) throw new InputError(`frames file ${file} does not exist`)
    const whole = parse(text)
    if (whole.ok) {
      frames.push({source: file, frame: envelopeOf(whole.value)})
      continue
    }
    const lines = text.split('\n')
    const before = frames.length
    lines.forEach((line, index) => {
      if (line.trim() === '') return
      const one = parse(line)
      if (!one.ok) throw new InputError(`frames file ${file}:${index + 1}: not JSON (${one.error})`)
      frames.push({source: `${file}:${index + 1}`, frame: envelopeOf(one.value)})
    })
    if (frames.length === before) throw new InputError(`frames file ${file}: no frame in it`)
  }
  return frames
}

function parse(text: string): {ok: true; value: unknown} | {ok: false; error: string} {
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (error) {
    return {ok: false, error: (error as Error).message}
  }
}

/** A frame with `resp` is a frame; anything else is the `resp` of one (an event: no `corrId`). */
function envelopeOf(value: unknown): ReceivedFrame['frame'] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'resp'))
    return value as ReceivedFrame['frame']
  return {resp: value}
}
