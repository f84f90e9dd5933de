// First paint of a page in headless Chromium over the DevTools protocol (no extra packages; node --experimental-websocket).
// Usage: node --experimental-websocket first-paint.mjs URL SELECTOR RUNS  → one JSON line per run:
//   {"fcp": first-contentful-paint ms, "ready": ms until SELECTOR is in the DOM, "transferKb": bytes over the wire}
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [url, selector, runsArg] = process.argv.slice(2)
const runs = Number(runsArg ?? 5)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'fp-'))
  const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--remote-debugging-port=0',
    `--user-data-dir=${dir}`, '--window-size=1280,900', 'about:blank'], { stdio: 'ignore' })
  const portFile = join(dir, 'DevToolsActivePort')
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50)
  const port = readFileSync(portFile, 'utf8').split('\n')[0]
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()
  const ws = new WebSocket(targets.find((t) => t.type === 'page').webSocketDebuggerUrl)
  await new Promise((r) => ws.addEventListener('open', r))
  let id = 0
  const pending = new Map()
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(e.data)
    if (m.id && pending.has(m.id)) { pending.get(m.id)(m.result); pending.delete(m.id) }
  })
  const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })) })
  const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value
  await send('Page.enable')
  await send('Runtime.enable')
  await send('Page.navigate', { url })
  let ready = null
  for (let i = 0; i < 600; i++) {
    ready = await evaluate(`document.querySelector(${JSON.stringify(selector)}) ? performance.now() : null`)
    if (ready) break
    await sleep(10)
  }
  const fcp = await evaluate(`(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null`)
  const transfer = await evaluate(`performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((s, e) => s + (e.transferSize || 0), 0)`)
  console.log(JSON.stringify({ fcp: Math.round(fcp), ready: Math.round(ready), transferKb: Math.round(transfer / 1024) }))
  ws.close()
  chrome.kill('SIGKILL')
  await sleep(200)
  rmSync(dir, { recursive: true, force: true })
}
