import {readFileSync} from 'node:fs'
import {decodeChatEvent} from '../generated/src/index.ts'
import Ajv2020 from 'ajv/dist/2020.js'
const schema = JSON.parse(readFileSync('/work/main/generated/schema.json','utf8'))
const ajv = new (Ajv2020 as any)({discriminator: true, allErrors: false, strict: false})
let t=performance.now()
const validate = ajv.compile(schema)
console.log('compile ms', performance.now()-t)
for (const f of ['receivedGroupInvitation-1','newChatItems-1']) {
  const v = JSON.parse(readFileSync(`/work/main/test/fixtures/frames/complete/${f}.json`,'utf8'))
  for (const mode of ['strict','default','lenient'] as const) { const r = decodeChatEvent(v,{mode}); console.log(f, mode, r.ok, r.ok ? r.issues.map(i=>i.message) : r.error.message) }
  console.log('ajv', validate(v), validate.errors?.slice(0,3))
}
