// A process that holds an embedded database (and shares it unless told `hold`), driven by the
// tests over stdin/stdout, one JSON document a line (tests/helpers/db-holder.ts starts it):
//   argv: <dataDir> <serve|hold> [txIdleMs]
//   out:  {"ready":true,"pid":…,"socket":…}            once open
//   in:   {"id":1,"op":"query","sql":"…","params":[…]} → {"id":1,"rows":[…]} or {"id":1,"error":{code,message}}
//   in:   {"id":2,"op":"child","code":"…"}             → runs `code` (an ES module) in a child process with this
//                                                         environment → {"id":2,"code":0,"stdout":"…","stderr":"…"}
//   SIGTERM: closes the database (letting clients finish) and exits 0.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { openEmbedded } from '../../generator/db/embedded.ts';

const [dataDir, mode = 'serve', txIdleMs] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: db-holder-process.ts <dataDir> <serve|hold> [txIdleMs]');

const db = await openEmbedded(dataDir, {
  serve: mode === 'serve',
  waitMs: 0,
  closeGraceMs: 5_000,
  ...(txIdleMs ? { txIdleMs: Number(txIdleMs) } : {}),
});
const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
send({ ready: true, pid: process.pid, socket: db.sharing?.socketPath ?? null, description: db.description });

process.on('SIGTERM', () => {
  db.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

type Command =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'child'; code: string };

const runChild = (code: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
  });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line) as Command;
  const work =
    command.op === 'query'
      ? db.query(command.sql, command.params ?? []).then((rows) => ({ rows }))
      : runChild(command.code);
  work.then(
    (result) => send({ id: command.id, ...result }),
    (error: { code?: string; message: string }) =>
      send({ id: command.id, error: { code: error.code, message: error.message } }),
  );
}
