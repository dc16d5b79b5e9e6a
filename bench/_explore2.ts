import {generateInMemory} from '../generator/generate.js'
for (let i=0;i<4;i++){ const t=performance.now(); const g=await generateInMemory({spec:'spec'}); console.log(performance.now()-t, g.timings, [...g.files.keys()].join(','), [...g.files.values()].reduce((a,b)=>a+b.length,0)) }
