// A stand-in for MessageBird's /v1/send in its own process, so that arrival times are taken on an
// event loop the sender does not share. Prints its port, then on stdin "report" prints the arrival
// times (ms, monotonic) as JSON.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const arrivals = [];
const server = createServer((req, res) => {
  arrivals.push(performance.now());
  req.resume();
  req.on('end', () => {
    res.writeHead(202, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: randomBytes(16).toString('hex'), status: 'accepted' }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (line.trim() === 'report') {
    console.log(JSON.stringify({ arrivals }));
    arrivals.length = 0;
  }
  if (line.trim() === 'exit') process.exit(0);
});
