import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** EVENTS.md of a tiny spec in the docs' format: one category, one event. */
export const TINY_EVENTS = `# API Events

This file is generated automatically.

[Contact events](#contact-events)
- Main event
  - [ContactConnected](#contactconnected)

## Contact events

### ContactConnected

This event is sent after a user connects via a contact address.

**Record type**:
- type: "contactConnected"
- user: [User](./TYPES.md#user)
- contact: [Contact](./TYPES.md#contact)
`

/** TYPES.md of the tiny spec: two records and an enum. */
export const TINY_TYPES = `# API Types

This file is generated automatically.

- [Contact](#contact)
- [ContactStatus](#contactstatus)
- [User](#user)

## Contact

**Record type**:
- contactId: int64
- localDisplayName: string
- status: [ContactStatus](#contactstatus)

## ContactStatus

**Enum type**:
- "active"
- "deleted"

## User

**Record type**:
- userId: int64
- displayName: string
`

/**
 * Write a tiny spec (one event, three types) into `folder`: generating from it is quick.
 *
 * @param folder the spec folder to create.
 * @param types TYPES.md to write instead of `TINY_TYPES`.
 * @returns `folder`.
 */
export function writeTinySpec(folder: string, types = TINY_TYPES): string {
  mkdirSync(folder, {recursive: true})
  writeFileSync(path.join(folder, 'EVENTS.md'), TINY_EVENTS)
  writeFileSync(path.join(folder, 'TYPES.md'), types)
  return folder
}
