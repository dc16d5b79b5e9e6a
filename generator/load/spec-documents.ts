import type {VFile} from 'vfile'

/** The upstream documents of one doc version, as vfiles (their `basename` names them in messages). */
export interface SpecDocuments {
  events: VFile
  types: VFile
  /** COMMANDS.md, when there is one: without it the schema has no commands. */
  commands?: VFile
}
