package io.execmodels.grid;

import io.execmodels.core.Job;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A job that tells its test where it runs and waits for leave to finish: it connects to the test's
 * port on loopback, sends its process id, and returns it once the test sends a byte back. A test
 * that kills the member instead sees the job mid-run, by construction.
 *
 * @param port the test's listening port
 */
record ReportingJob(int port) implements Job<Long> {
  @Override
  public Long compute() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      new DataOutputStream(s.getOutputStream()).writeLong(pid);
      new DataInputStream(s.getInputStream()).readByte();
    }
    return pid;
  }
}
