package outside;

import java.io.Serializable;

/** A message class outside the cluster's allow-list (no pattern covers package {@code outside}). */
public record Unlisted(int value) implements Serializable {}
