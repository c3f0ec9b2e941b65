// server.close() with an idle keep-alive connection whose client keeps its side open: Node 19+
// destroys the idle connection at once (closeIdleConnections), so the close callback runs while
// the client is still open, and the client then sees the end.
// Mirrored by HttpServerTest#closingTheServerDestroysAnIdleKeepAliveConnectionAtOnceAsNodeDoes.
const http = require('http');
const net = require('net');
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    c.write('GET /a HTTP/1.1\r\nHost: h\r\n\r\n');
  });
  c.once('data', () => {
    server.close(() => {
      console.log('server closed, client side open: ' + !c.destroyed);
    });
  });
  c.on('end', () => {
    console.log('client saw end');
    c.destroy();
  });
});
