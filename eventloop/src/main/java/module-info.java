/** The eventloop model for execmodels: one Node.js process on one loop thread. */
module io.execmodels.eventloop {
  requires transitive io.execmodels.core;
  requires org.jctools.core;
  requires static reactor.core;

  exports io.execmodels.eventloop;
  exports io.execmodels.eventloop.http;
  exports io.execmodels.eventloop.net;

  provides io.execmodels.core.spi.ExecutionModelProvider
      with io.execmodels.eventloop.EventLoopModelProvider;
}
