// The order of a cluster's events, as LifecycleOrderTest pins them for execmodels' cluster:
// worker 1 listens, exchanges messages in order and is disconnected by the primary; worker 2 is
// killed with SIGKILL. Run: node lifecycle.js (prints one event a line, primary's view).
const cluster = require('node:cluster');
const http = require('node:http');

if (cluster.isPrimary) {
  const log = (s) => console.log(s);
  for (const e of ['fork', 'online', 'listening', 'message', 'disconnect', 'exit']) {
    cluster.on(e, (w, ...a) => log(`cluster:${e} ${w.id}` + (e === 'message' ? ` ${a[0]}` : '')
      + (e === 'exit' ? ` ${a[0]} ${a[1]}` : '')));
  }
  const one = cluster.fork();
  for (const e of ['online', 'listening', 'message', 'disconnect', 'exit']) {
    one.on(e, (...a) => log(`worker:${e}` + (e === 'message' ? ` ${a[0]}` : '')
      + (e === 'exit' ? ` ${a[0]} ${a[1]}` : '')));
  }
  one.on('message', (m) => {
    if (m === 'pong 3') one.disconnect();
  });
  one.on('listening', () => { for (let i = 1; i <= 3; i++) one.send(`ping ${i}`); });
  one.on('exit', () => {
    log(`exitedAfterDisconnect ${one.exitedAfterDisconnect}`);
    const two = cluster.fork();
    two.on('online', () => two.process.kill('SIGKILL'));
    two.on('exit', () => log(`exitedAfterDisconnect ${two.exitedAfterDisconnect}`));
  });
} else {
  process.on('message', (m) => process.send(m.replace('ping', 'pong')));
  if (cluster.worker.id === 1) {
    http.createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1');
  }
}
