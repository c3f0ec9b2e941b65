package io.execmodels.grid;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.execmodels.multiprocess.internal.Payloads;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Hazelcast configurations the model and {@link GridMember} start from, in one place so that
 * an embedded member, a standalone one and a client agree: the cluster name, the member port
 * bound to the configured interface only (127.0.0.1 by default), multicast and auto-detection
 * off (a member joins the addresses it is given, over tcp-ip, or nobody), phone-home off, the
 * executor's pool size, and Java deserialization allowed for {@link JobCarrier}, {@link
 * ClassProbe} and byte arrays only. Stateless.
 */
final class MemberConfigs {

  /**
   * How long a member's graceful shutdown may wait for its partitions to move away (Hazelcast's
   * default is 600 s); the members hold no data, so this is seconds at most.
   */
  private static final String GRACEFUL_SHUTDOWN_SECONDS = "10";

  private MemberConfigs() {}

  /**
   * A member's configuration: Hazelcast instance {@code instanceName} (its threads are named
   * {@code hz.<instanceName>.*}), reading jobs with {@code payloads}.
   */
  static Config member(GridOptions o, String clusterName, String instanceName,
      Payloads payloads) {
    Config c = new Config();
    c.setInstanceName(instanceName);
    c.setClusterName(clusterName);
    common(c.getProperties());
    c.setProperty("hazelcast.graceful.shutdown.max.wait", GRACEFUL_SHUTDOWN_SECONDS);
    // Bind the interface only, not the wildcard address Hazelcast binds by default.
    c.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig n = c.getNetworkConfig();
    n.setPort(o.port()).setPortAutoIncrement(true);
    n.getInterfaces().setEnabled(true).addInterface(o.networkInterface());
    JoinConfig join = n.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    // A lone member joins nobody: without a member list it would not wait for one either.
    join.getTcpIpConfig().setEnabled(!o.members().isEmpty());
    o.members().forEach(m -> join.getTcpIpConfig().addMember(m));
    c.getExecutorConfig(GridOptions.EXECUTOR).setPoolSize(o.workersPerMember())
        .setStatisticsEnabled(false);
    c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
    ConcurrentMap<String, Object> context = new ConcurrentHashMap<>();
    context.put(JobCarrier.PAYLOADS, payloads);
    c.setUserContext(context);
    return c;
  }

  /** A client's configuration, connecting to {@code o.members()}. */
  static ClientConfig client(GridOptions o, String clusterName, String instanceName) {
    ClientConfig c = new ClientConfig();
    c.setInstanceName(instanceName);
    c.setClusterName(clusterName);
    common(c.getProperties());
    c.getNetworkConfig().setAddresses(o.members());
    c.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
    // Hazelcast's default is to try for ever: a wrong address must fail the compute instead.
    c.getConnectionStrategyConfig().getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(o.connectTimeout().toMillis());
    c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
    return c;
  }

  private static void common(java.util.Properties p) {
    p.setProperty("hazelcast.phone.home.enabled", "false");
    // Hazelcast's shutdown hook would shut a member down from a thread nobody waits for; the
    // model and GridMember shut theirs down themselves.
    p.setProperty("hazelcast.shutdownhook.enabled", "false");
  }

  /**
   * Java deserialization for the carrier, the class probe and byte arrays only, with Hazelcast's default list
   * (which admits all of {@code java} and {@code com.hazelcast}) turned off.
   */
  private static JavaSerializationFilterConfig filter() {
    JavaSerializationFilterConfig f = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
    f.getWhitelist().addClasses(JobCarrier.class.getName(), ClassProbe.class.getName(), "[B");
    return f;
  }
}
