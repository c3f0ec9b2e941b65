package outside;

import java.io.Serializable;

/** A value class outside the grid's allow-list (no pattern covers package {@code outside}). */
public record Unlisted(int value) implements Serializable {}
