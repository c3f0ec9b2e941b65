/** Test classes that no default allow-list pattern covers. */
package outside;
