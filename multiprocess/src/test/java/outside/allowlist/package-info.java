/** Test values outside the default allow-list of a process pool. */
package outside.allowlist;
